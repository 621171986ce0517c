package io.github.gradgraph.cli;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.DataFiles;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.FashionMnist;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.InitialParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The data, split or with its own test file, preprocessed, and a network that fits it with its starting parameters,
 * as the options describe (or, when resuming, as the checkpoint says). Every inconsistency (layer sizes against the
 * data, a loss against the output, options that do not apply to the data's format) is an
 * {@link IllegalArgumentException} that names the option.
 */
final class Experiment {
    static final double DEFAULT_TEST_FRACTION = 0.2;
    /** Mixed into the seed of the validation split, so that it differs from the test split's draw. */
    private static final long VALIDATION_SEED = 0x76616C6964L;

    final Dataset train;
    /** Held out of the training samples to monitor (early stopping), or null. */
    final Dataset validation;
    final Dataset test;
    final Preprocessing preprocessing;
    final Network network;
    final ParameterStore params;
    final long seed;
    /** The data options as resolved, saved with checkpoints so that a resumed run finds the same data. */
    final Map<String, String> settings = new LinkedHashMap<>();
    /** m of the training and test parts; more than {@link #train} holds when the samples live on a cluster. */
    final long trainSize;
    final long testSize;
    /** Where the test samples come from, or null when there are none. */
    final String testName;

    Experiment(DataOptions d, NetworkOptions n) {
        this(d, n, null);
    }

    /** @param resume the checkpoint to continue from, or null; options left out are taken from it */
    Experiment(DataOptions d, NetworkOptions n, Checkpoint resume) {
        this(d, n, resume, null);
    }

    /**
     * @param validationFraction the part of the training samples to hold out as a validation set (distinct from the
     *                           test set), or null for none
     */
    Experiment(DataOptions d, NetworkOptions n, Checkpoint resume, Double validationFraction) {
        if (resume != null) {
            Resume.fill(d, n, resume);
        }
        seed = n.seed == null ? 1 : n.seed;
        String data = d.data == null ? "flower" : d.data;
        DataSource source = source(d, data, "--data");
        boolean fashion = isFashionMnist(data);
        if (d.testLabels != null && d.testData == null) {
            throw new IllegalArgumentException("--test-labels are the labels of --test-data; give that too");
        }
        Dataset all;
        Dataset trainRaw;
        Dataset testRaw;
        if (fashion) {
            if (d.testData != null || d.testFraction != null) {
                throw new IllegalArgumentException((d.testData != null ? "--test-data" : "--test-fraction")
                        + " does not apply to fashion-mnist, which is tested on its own test images, as published "
                        + "(hold out training images with --validation-fraction)");
            }
            FashionMnist.Parts parts = FashionMnist.load();
            all = parts.train();
            trainRaw = all;
            testRaw = parts.test();
        } else if (d.testData != null) {
            all = load(source, data, seed);
            requireOneTestSource(d);
            trainRaw = all;
            testRaw = DataFiles.load(testSource(testFile(d))).withClassesOf(all);
        } else {
            all = load(source, data, seed);
            Dataset.Split split = all.split(d.testFraction == null ? DEFAULT_TEST_FRACTION : d.testFraction, seed);
            trainRaw = split.train();
            testRaw = split.test();
        }
        Dataset validationRaw = null;
        if (validationFraction != null) {
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("--validation-fraction must be between 0 and 1 (exclusive), got "
                        + validationFraction);
            }
            Dataset.Split held = trainRaw.split(validationFraction, seed ^ VALIDATION_SEED);
            if (held.test() == null) {
                throw new IllegalArgumentException("--validation-fraction " + validationFraction + " holds out no "
                        + "sample of the " + trainRaw.size() + " training samples; give a larger fraction");
            }
            trainRaw = held.train();
            validationRaw = held.test();
        }
        if (resume != null) {
            preprocessing = resume.preprocessing();
        } else {
            double scale = fashion && d.scale == null ? FashionMnist.SCALE : Scale.parse(d.scale);
            preprocessing = Preprocessing.fit(scale, !(fashion && d.standardize == null) && standardizes(d, source),
                    trainRaw.x());
        }
        train = trainRaw.withFeatures(preprocessing.apply(trainRaw.x()));
        test = testRaw == null ? null : testRaw.withFeatures(preprocessing.apply(testRaw.x()));
        validation = validationRaw == null ? null : new Dataset(trainRaw.name() + " validation",
                preprocessing.apply(validationRaw.x()), validationRaw.labels(), validationRaw.classNames());
        network = new Network(resume != null ? resume.spec() : spec(n, all));
        params = parameters(n, network, resume, seed);
        trainSize = train.size();
        testSize = test == null ? 0 : test.size();
        testName = test == null ? null : test.name();
        putSettings(d, data);
    }

    /**
     * An experiment whose samples live elsewhere (on a cluster): {@code sample} is a part of the training samples,
     * preprocessed, for checks and pictures; the network and parameters as the options or checkpoint say.
     *
     * @param spec the network, checked against the data by {@link #spec} or read from {@code resume}
     */
    Experiment(DataOptions d, NetworkOptions n, Checkpoint resume, NetworkSpec spec, Preprocessing preprocessing,
            Dataset sample, long trainSize, long testSize, String testName) {
        seed = n.seed == null ? 1 : n.seed;
        this.preprocessing = preprocessing;
        train = sample;
        validation = null;
        test = null;
        network = new Network(spec);
        params = parameters(n, network, resume, seed);
        this.trainSize = trainSize;
        this.testSize = testSize;
        this.testName = testSize == 0 ? null : testName;
        putSettings(d, d.data);
    }

    /** @throws IllegalArgumentException when --test-data and --test-fraction are both given */
    static void requireOneTestSource(DataOptions d) {
        if (d.testData != null && d.testFraction != null) {
            throw new IllegalArgumentException("--test-data and --test-fraction both say what to test on; give one");
        }
    }

    private void putSettings(DataOptions d, String data) {
        put("data", data);
        put("label_column", d.labelColumn);
        put("labels", d.labels);
        put("x_key", d.xKey);
        put("y_key", d.yKey);
        put("test_data", d.testData);
        put("test_labels", d.testLabels);
        put("test_fraction", d.testFraction == null ? null : d.testFraction.toString());
    }

    /** @return the starting parameters: the checkpoint's, a file's (--init-from), or drawn by --init */
    private static ParameterStore parameters(NetworkOptions n, Network network, Checkpoint resume, long seed) {
        if (resume != null) {
            return resume.params().copy();
        }
        if (n.initFrom != null) {
            return InitialParameters.load(Path.of(n.initFrom), network);
        }
        Initializer init = n.init == null ? Initializer.forActivation(network.spec().hidden())
                : Initializer.parse(n.init);
        return init.initialize(network, new ParameterStore(), seed);
    }

    private void put(String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    /** @return the file source of {@code data}, checking that the format-specific options fit it */
    static DataSource source(DataOptions d, String data, String option) {
        Path file = Path.of(data);
        DataSource.Format format = DataSource.formatOf(file);
        if (d.labelColumn != null && format != DataSource.Format.CSV) {
            throw new IllegalArgumentException("--label-column applies to CSV files; " + option + " " + data + " is "
                    + format.name().toLowerCase(Locale.ROOT) + (format == DataSource.Format.NPY
                    ? " (give the labels with --labels FILE.npy, or as the last column)" : format
                    == DataSource.Format.IDX ? " (give the labels with --labels FILE, another IDX file)"
                    : " (name arrays with --x-key and --y-key)"));
        }
        if (d.labels != null && format != DataSource.Format.NPY && format != DataSource.Format.IDX) {
            throw new IllegalArgumentException("--labels applies to .npy and IDX files; " + option + " " + data
                    + " is neither");
        }
        if (d.labels == null && format == DataSource.Format.IDX && option.equals("--data")) {
            throw new IllegalArgumentException("--data " + data + " is an IDX file, which holds one array; give its "
                    + "labels with --labels FILE (train-images-idx3-ubyte goes with train-labels-idx1-ubyte)");
        }
        if ((d.xKey != null || d.yKey != null) && format != DataSource.Format.NPZ
                && format != DataSource.Format.HDF5) {
            throw new IllegalArgumentException("--x-key and --y-key apply to .npz and HDF5 files; " + option + " "
                    + data + " is neither");
        }
        return new DataSource(file, d.labelColumn, d.labels == null ? null : Path.of(d.labels), d.xKey, d.yKey);
    }

    /**
     * @return the --test-data source, its labels from --test-labels (or, for a {@code .npy}, --labels)
     * @throws IllegalArgumentException when an IDX test file has no --test-labels, or they are given without
     *     --test-data
     */
    static DataSource testFile(DataOptions d) {
        DataSource s = source(d, d.testData, "--test-data");
        if (d.testLabels == null) {
            if (s.format() == DataSource.Format.IDX) {
                throw new IllegalArgumentException("--test-data " + d.testData + " is an IDX file, which holds one "
                        + "array; give its labels with --test-labels FILE");
            }
            return s;
        }
        if (s.format() != DataSource.Format.NPY && s.format() != DataSource.Format.IDX) {
            throw new IllegalArgumentException("--test-labels applies to .npy and IDX test files; --test-data "
                    + d.testData + " is neither");
        }
        return new DataSource(s.file(), s.labelColumn(), Path.of(d.testLabels), s.xKey(), s.yKey());
    }

    /**
     * The test file's arrays have the training keys' names, or — as in the classic course's files, where
     * {@code train_set_x} pairs with {@code test_set_x} — the same names with "train" replaced by "test".
     */
    static DataSource testSource(DataSource s) {
        if (s.format() != DataSource.Format.NPZ && s.format() != DataSource.Format.HDF5) {
            return s;
        }
        java.util.List<String> names = DataFiles.arrayNames(s);
        String x = s.xKey().replace("train", "test");
        String y = s.yKey().replace("train", "test");
        boolean useTestNames = !names.contains(s.xKey()) && !names.contains(s.yKey()) && names.contains(x)
                && names.contains(y);
        return useTestNames ? new DataSource(s.file(), s.labelColumn(), s.labels(), x, y) : s;
    }

    /** @return whether {@code data} names the Fashion-MNIST images (read from Debian's package, not a file) */
    static boolean isFashionMnist(String data) {
        return data.toLowerCase(Locale.ROOT).equals(FashionMnist.NAME) && !Files.exists(Path.of(data));
    }

    private static Dataset load(DataSource source, String data, long seed) {
        String name = data.toLowerCase(Locale.ROOT);
        if (Datasets.NAMES.contains(name)) {
            return Datasets.builtIn(name, seed);
        }
        if (!Files.exists(source.file()) && !data.contains(".") && !data.contains("/")) {
            throw new IllegalArgumentException("unknown data set '" + data + "'; choose one of "
                    + String.join(", ", Datasets.NAMES) + ", " + FashionMnist.NAME + ", or give a data file path");
        }
        return DataFiles.load(source);
    }

    static boolean standardizes(DataOptions d, DataSource source) {
        if (d.standardize == null) {
            DataSource.Format f = source.format();
            return f == DataSource.Format.CSV; // built-in names are "CSV" here too
        }
        switch (d.standardize.trim().toLowerCase(Locale.ROOT)) {
            case "zscore": return true;
            case "none": return false;
            default:
                throw new IllegalArgumentException("--standardize '" + d.standardize + "': choose zscore or none");
        }
    }

    /** @return the network the options describe, checked against the data's features and classes */
    static NetworkSpec spec(NetworkOptions o, Dataset data) {
        String text = o.layers != null ? o.layers
                : data.features() + ",8,4," + (data.classes() <= 2 ? 1 : data.classes());
        NetworkSpec spec = LayerOptions.spec(text, o.activation, o.outputActivation, o.loss, o.l2 == null ? 0 : o.l2,
                o.batchNorm != null && o.batchNorm, o.dropout);
        if (spec.recurrent()) {
            throw new IllegalArgumentException("--layers '" + text + "' are recurrent: they read sequences, not one "
                    + "sample per row of " + data.name() + "; train a character model on a text with gradgraph lm");
        }
        if (spec.input().size() != data.features()) {
            throw new IllegalArgumentException("--layers starts with " + spec.input() + " but " + data.name()
                    + " has " + data.features() + " features");
        }
        try {
            data.targets(spec.outputs()); // checks outputs against the classes
        } catch (IllegalArgumentException e) {
            int k = data.classes();
            throw new IllegalArgumentException(e.getMessage() + " (end --layers with " + (k == 2 ? "1 or 2" : k)
                    + ")");
        }
        return spec;
    }

    String describe() {
        Preprocessing p = preprocessing;
        String prep = (p.scale() != 1 ? "scale " + p.scale() + ", " : "")
                + (p.standardizer() != null ? "standardized" : "not standardized");
        return train.name() + " (" + trainSize + " train / " + (validation != null ? validation.size()
                + " validation / " : "") + testSize + " test"
                + (testName != null && !testName.equals(train.name()) ? " from " + testName : "") + "; " + prep
                + "), " + network.spec();
    }
}

package io.github.gradgraph.cli;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Standardizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The data, split and standardized, and a freshly initialized network that fits it, as the options describe. Every
 * inconsistency (layer sizes against the data, a loss against the output) is an {@link IllegalArgumentException}
 * that names the option.
 */
final class Experiment {
    final Dataset train;
    final Dataset test;
    final Standardizer standardizer;
    final Network network;
    final ParameterStore params;

    Experiment(NetworkOptions o) {
        Dataset all = load(o);
        Dataset.Split split = all.split(o.testFraction, o.seed);
        standardizer = Standardizer.fit(split.train().x());
        train = split.train().withFeatures(standardizer.apply(split.train().x()));
        test = split.test() == null ? null : split.test().withFeatures(standardizer.apply(split.test().x()));
        network = new Network(spec(o, all));
        Initializer init = o.init == null ? Initializer.forActivation(network.spec().hidden())
                : Initializer.parse(o.init);
        params = init.initialize(network, new ParameterStore(), o.seed);
    }

    private static Dataset load(NetworkOptions o) {
        String name = o.data.toLowerCase(Locale.ROOT);
        if (Datasets.NAMES.contains(name)) {
            return Datasets.builtIn(name, o.seed);
        }
        Path file = Path.of(o.data);
        if (!Files.exists(file) && !o.data.contains(".") && !o.data.contains("/")) {
            return Datasets.builtIn(name, o.seed); // names the built-in choices
        }
        return CsvData.load(file, o.labelColumn);
    }

    private static NetworkSpec spec(NetworkOptions o, Dataset data) {
        int[] layers = o.layers == null ? defaultLayers(data) : parseLayers(o.layers);
        if (layers[0] != data.features()) {
            throw new IllegalArgumentException("--layers starts with " + layers[0] + " but " + data.name() + " has "
                    + data.features() + " features");
        }
        int outputs = layers[layers.length - 1];
        data.targets(outputs); // checks outputs against the classes
        return NetworkSpec.withDefaults(layers, Activation.parse(o.activation),
                o.outputActivation == null ? null : Activation.parse(o.outputActivation),
                o.loss == null ? null : LossKind.parse(o.loss), o.l2);
    }

    private static int[] defaultLayers(Dataset data) {
        return new int[] {data.features(), 8, 4, data.classes() <= 2 ? 1 : data.classes()};
    }

    static int[] parseLayers(String text) {
        String[] parts = text.split(",", -1);
        int[] layers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                layers[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                layers[i] = -1;
            }
            if (layers[i] < 1) {
                throw new IllegalArgumentException("--layers '" + text + "': '" + parts[i]
                        + "' is not a positive whole number (expected sizes like 2,8,4,1)");
            }
        }
        if (layers.length < 2) {
            throw new IllegalArgumentException("--layers '" + text + "' needs at least an input and an output size");
        }
        return layers;
    }

    String describe() {
        return train.name() + " (" + train.size() + " train / " + (test == null ? 0 : test.size()) + " test), "
                + "layers " + Arrays.toString(network.spec().layers()) + ", " + network.spec().hidden() + " hidden, "
                + network.spec().output() + " output, loss " + network.spec().loss()
                + (network.spec().l2() > 0 ? ", l2 " + network.spec().l2() : "");
    }
}

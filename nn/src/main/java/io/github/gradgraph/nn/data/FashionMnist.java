package io.github.gradgraph.nn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Zalando's Fashion-MNIST: 28×28 grey images of clothing in 10 classes, 60,000 to train on and the official 10,000 to
 * test on, read from the IDX files of Debian's {@code dataset-fashion-mnist} package (nothing is downloaded). Each
 * image is one column of 784 = 28·28·1 pixel values in 0…255, row-major as a 28x28x1 image input expects; the
 * built-in preprocessing is {@link #SCALE} (1/255, to [0, 1]) and no standardization.
 *
 * <p>The folder is {@value #DEBIAN_FOLDER}, or the system property {@value #FOLDER_PROPERTY}, or else the environment
 * variable {@value #FOLDER_ENV}; each file may be gzipped ({@code .gz}) or not.
 */
public final class FashionMnist {
    /** The data set's name on the command line. */
    public static final String NAME = "fashion-mnist";
    /** Where Debian's package puts the files. */
    public static final String DEBIAN_FOLDER = "/usr/share/datasets/fashion-mnist";
    /** A system property naming another folder with the four files (tests use a small synthetic set). */
    public static final String FOLDER_PROPERTY = "gradgraph.fashion.dir";
    /** An environment variable naming another folder, when the property is not set. */
    public static final String FOLDER_ENV = "GRADGRAPH_FASHION_MNIST";
    /** The pixels' default scale: 0…255 to [0, 1]. */
    public static final double SCALE = 1 / 255.0;
    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The command that installs the files. */
    public static final String INSTALL = "apt-get install dataset-fashion-mnist";

    private FashionMnist() {
    }

    /**
     * The two parts as published.
     *
     * @param train the 60,000 training images
     * @param test  the 10,000 test images
     */
    public record Parts(Dataset train, Dataset test) {
    }

    /** @return the folder the files are read from: the property's, the environment variable's, or Debian's */
    public static Path folder() {
        String p = System.getProperty(FOLDER_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(FOLDER_ENV);
        }
        return Path.of(p == null || p.isBlank() ? DEBIAN_FOLDER : p);
    }

    /** @return whether {@link #folder()} holds the training images */
    public static boolean installed() {
        return file(folder(), "train-images-idx3-ubyte") != null;
    }

    /** @return the training and test images of {@link #folder()}, pixels 0…255 */
    public static Parts load() {
        return load(folder());
    }

    /**
     * @param folder holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
     *               t10k-labels-idx1-ubyte, each maybe {@code .gz}
     * @return its training and test images, pixels 0…255
     * @throws DataException in one line saying how to install the package when a file is missing, or naming the file
     *     and the problem when one cannot be read or its labels are not 0…9
     */
    public static Parts load(Path folder) {
        return new Parts(part(folder, "train", NAME), part(folder, "t10k", NAME + " test set"));
    }

    private static Dataset part(Path folder, String prefix, String name) {
        Path images = required(folder, prefix + "-images-idx3-ubyte");
        Path labels = required(folder, prefix + "-labels-idx1-ubyte");
        NumericArray x = Idx.read(images);
        int[] shape = x.shape();
        if (shape.length != 3 || shape[1] != 28 || shape[2] != 28) {
            throw new DataException(images + " has shape " + x.shapeText() + "; Fashion-MNIST images are (m, 28, 28)");
        }
        Dataset d = DataFiles.fromArrays(name, x, Idx.read(labels));
        if (d.classes() > CLASSES.size()) {
            throw new DataException(labels + " has label " + (d.classes() - 1) + "; Fashion-MNIST's are 0 to 9");
        }
        return new Dataset(name, d.x(), d.labels(), CLASSES);
    }

    private static Path required(Path folder, String name) {
        Path f = file(folder, name);
        if (f == null) {
            throw new DataException(NAME + " is not installed (no " + folder.resolve(name + ".gz") + "): "
                    + INSTALL + (folder.equals(Path.of(DEBIAN_FOLDER)) ? ""
                    : ", or point " + FOLDER_PROPERTY + " / " + FOLDER_ENV + " at a folder with its files"));
        }
        return f;
    }

    /** @return {@code name.gz} or {@code name} in {@code folder}, or null when neither is there */
    private static Path file(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = folder.resolve(name);
        return Files.isRegularFile(plain) ? plain : null;
    }
}

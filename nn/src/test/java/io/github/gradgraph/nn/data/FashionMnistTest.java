package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST from a folder: a synthetic one here, and Debian's package when it is installed. CI installs it and
 * sets {@code gradgraph.fashion.required}, so that there the real files are read, not skipped.
 */
class FashionMnistTest {
    /** Set by CI (.ci/run): the package must be there. */
    static final boolean REQUIRED = Boolean.getBoolean("gradgraph.fashion.required");

    @TempDir
    Path tmp;

    /**
     * Writes a Fashion-MNIST folder of {@code train} training and {@code test} test images, image j's pixel p being
     * (j·7 + p) mod 256 and its label j mod 10.
     */
    static void writeSynthetic(Path folder, int train, int test) {
        writePart(folder, "train", train);
        writePart(folder, "t10k", test);
    }

    private static void writePart(Path folder, String prefix, int m) {
        double[] pixels = new double[m * 784];
        double[] labels = new double[m];
        for (int j = 0; j < m; j++) {
            for (int p = 0; p < 784; p++) {
                pixels[j * 784 + p] = (j * 7 + p) % 256;
            }
            labels[j] = j % 10;
        }
        Idx.write(folder.resolve(prefix + "-images-idx3-ubyte.gz"), Idx.UBYTE,
                new NumericArray("x", new int[] {m, 28, 28}, pixels));
        Idx.write(folder.resolve(prefix + "-labels-idx1-ubyte.gz"), Idx.UBYTE,
                new NumericArray("y", new int[] {m}, labels));
    }

    @Test
    void syntheticFolder_imagesAreColumns_officialSplit_namedClasses() {
        writeSynthetic(tmp, 3, 2);
        FashionMnist.Parts parts = FashionMnist.load(tmp);
        Dataset train = parts.train();
        assertEquals(3, train.size());
        assertEquals(784, train.features());
        assertEquals(2, parts.test().size());
        assertEquals(10, train.classes());
        assertEquals("Ankle boot", train.classNames().get(9));
        assertArrayEquals(new int[] {0, 1, 2}, train.labels());
        assertEquals((2 * 7 + 5 * 28 + 3) % 256, train.x().get(5 * 28 + 3, 2), 0.0); // image 2, row 5, column 3
    }

    @Test
    void folderFromTheProperty() {
        writeSynthetic(tmp, 3, 1);
        String before = System.getProperty(FashionMnist.FOLDER_PROPERTY);
        System.setProperty(FashionMnist.FOLDER_PROPERTY, tmp.toString());
        try {
            assertEquals(tmp, FashionMnist.folder());
            assertTrue(FashionMnist.installed());
            assertEquals(1, FashionMnist.load().test().size());
        } finally {
            if (before == null) {
                System.clearProperty(FashionMnist.FOLDER_PROPERTY);
            } else {
                System.setProperty(FashionMnist.FOLDER_PROPERTY, before);
            }
        }
    }

    @Test
    void missingFolder_saysHowToInstall() {
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(tmp.resolve("none")));
        assertTrue(e.getMessage().startsWith("fashion-mnist is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void labelsOutsideTheTenClasses_areNamed() {
        writeSynthetic(tmp, 3, 1);
        Idx.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), Idx.UBYTE,
                new NumericArray("y", new int[] {1}, new double[] {12}));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(tmp));
        assertTrue(e.getMessage().contains("has label 12; Fashion-MNIST's are 0 to 9"), e.getMessage());
    }

    @Test
    void debianPackage_60000and10000_pixelsAndLabelsAsPublished() {
        Path folder = Path.of(FashionMnist.DEBIAN_FOLDER);
        boolean there = Files.isRegularFile(folder.resolve("train-images-idx3-ubyte.gz"));
        if (REQUIRED) {
            assertTrue(there, "gradgraph.fashion.required is set but " + folder + " has no train-images-idx3-ubyte.gz"
                    + ": " + FashionMnist.INSTALL);
        }
        assumeTrue(there, "dataset-fashion-mnist is not installed");
        FashionMnist.Parts parts = FashionMnist.load(folder);
        Dataset train = parts.train();
        Dataset test = parts.test();
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(784, train.features());
        int[] perClass = new int[10];
        for (int label : train.labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, perClass);
        assertArrayEquals(new int[] {9, 0, 0, 3, 0}, java.util.Arrays.copyOf(train.labels(), 5)); // as published
        assertArrayEquals(new int[] {9, 2, 1, 1, 6}, java.util.Arrays.copyOf(test.labels(), 5));
        DMatrixRMaj x = train.x();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : x.data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0, min, 0.0);
        assertEquals(255, max, 0.0);
        double first = 0;
        for (int i = 0; i < 784; i++) {
            first += x.get(i, 0);
        }
        assertEquals(FIRST_IMAGE_PIXEL_SUM, first, 0.0);
        Preprocessing p = Preprocessing.fit(FashionMnist.SCALE, false, x);
        assertEquals(1.0, p.apply(new DMatrixRMaj(new double[][] {{255}})).get(0, 0), 1e-15);
    }

    /** The sum of the first training image's 784 bytes (an ankle boot), as Python sums the same file's bytes 16 to 799. */
    static final double FIRST_IMAGE_PIXEL_SUM = 76247;
}

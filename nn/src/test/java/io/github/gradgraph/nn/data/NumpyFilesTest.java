package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** numpy files written by numpy itself (see fixtures/make_fixtures.py): exact values, every dtype, every refusal. */
class NumpyFilesTest {
    @TempDir
    Path tmp;

    @Test
    void float64_rowMajor_exactValues() {
        NumericArray a = Npy.read(Fixtures.file("f8.npy"));
        assertArrayEquals(new int[] {4, 3}, a.shape());
        for (int i = 0; i < 12; i++) {
            assertEquals(i * 0.25 - 1, a.values()[i], 0.0);
        }
    }

    @Test
    void float32_fortranOrder_widenedExactly_andReorderedToRows() {
        NumericArray a = Npy.read(Fixtures.file("f4_fortran.npy"));
        assertArrayEquals(new int[] {3, 2}, a.shape());
        for (int i = 0; i < 6; i++) { // row-major index i holds float32(i / 10), as numpy wrote it
            assertEquals((double) (float) (i / 10.0), a.values()[i], 0.0);
        }
    }

    @Test
    void bigEndianInt16_andUint8_andBool_andInt64() {
        double[] i2 = Npy.read(Fixtures.file("i2_big_endian.npy")).values();
        for (int i = 0; i < 6; i++) {
            assertEquals(i * 1000 - 2500, i2[i], 0.0);
        }
        double[] u1 = Npy.read(Fixtures.file("u1_images.npy")).values();
        for (int i = 0; i < 36; i++) {
            assertEquals((i * 37) % 256, u1[i], 0.0);
        }
        assertArrayEquals(new double[] {1, 0, 0, 1}, Npy.read(Fixtures.file("bool.npy")).values(), 0.0);
        assertArrayEquals(new double[] {0, 1, 1}, Npy.read(Fixtures.file("i8_labels.npy")).values(), 0.0);
    }

    @Test
    void images_areFlattenedPerSampleInCOrder_oneColumnEach() {
        NumericArray a = Npy.read(Fixtures.file("u1_images.npy")); // (3, 2, 2, 3)
        DMatrixRMaj x = a.sampleColumns();
        assertEquals(12, x.numRows);
        assertEquals(3, x.numCols);
        for (int j = 0; j < 3; j++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 2; w++) {
                    for (int c = 0; c < 3; c++) {
                        int flat = ((j * 2 + h) * 2 + w) * 3 + c;
                        assertEquals((flat * 37) % 256, x.get((h * 2 + w) * 3 + c, j), 0.0);
                    }
                }
            }
        }
    }

    @Test
    void npz_plainAndCompressed_namedArrays_labelsAsClasses() {
        Dataset d = DataFiles.load(DataSource.of(Fixtures.file("data.npz")));
        assertEquals(5, d.size());
        assertEquals(2, d.features());
        for (int j = 0; j < 5; j++) {
            assertEquals(j * 1.0, d.x().get(0, j), 0.0);
            assertEquals(j + 0.5, d.x().get(1, j), 0.0);
        }
        assertArrayEquals(new int[] {0, 1, 0, 1, 1}, d.labels());
        Dataset c = DataFiles.load(new DataSource(Fixtures.file("data_compressed.npz"), null, null, "features",
                "target"));
        assertTrue(Arrays.equals(d.x().data, c.x().data));
        assertArrayEquals(d.labels(), c.labels());
    }

    @Test
    void npy_withLabelFile_orLabelInLastColumn() {
        Dataset twoFiles = DataFiles.load(new DataSource(Fixtures.file("u1_images.npy"), null,
                Fixtures.file("i8_labels.npy"), null, null));
        assertEquals(12, twoFiles.features());
        assertArrayEquals(new int[] {0, 1, 1}, twoFiles.labels());
        Dataset last = DataFiles.load(DataSource.of(Fixtures.file("bool.npy"))); // [[1, 0], [0, 1]]
        assertEquals(1, last.features());
        assertArrayEquals(new int[] {0, 1}, last.labels());
    }

    @Test
    void oneHotLabels_becomeClassIndices_andNonOneHotRowsAreNamed() {
        NumericArray y = new NumericArray("y", new int[] {3, 3}, new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0});
        assertArrayEquals(new int[] {2, 0, 1}, ArrayLabels.of(y).labels());
        assertEquals(List.of("0", "1", "2"), ArrayLabels.of(y).classNames());
        NumericArray bad = new NumericArray("y.npy", new int[] {2, 2}, new double[] {1, 0, 1, 1});
        assertMessage(() -> ArrayLabels.of(bad), "y.npy", "row 1", "not one-hot");
        NumericArray fraction = new NumericArray("y.npy", new int[] {2}, new double[] {0, 0.5});
        assertMessage(() -> ArrayLabels.of(fraction), "y.npy", "sample 1", "label 0.5");
    }

    @Test
    void refusals_nameTheFileAndTheProblem() throws IOException {
        assertMessage(() -> Npy.read(Fixtures.file("complex.npy")), "complex.npy", "complex");
        assertMessage(() -> Npy.read(Fixtures.file("object.npy")), "object.npy", "Python objects");
        assertMessage(() -> Npy.read(Fixtures.file("f2.npy")), "f2.npy", "float16");
        assertMessage(() -> Npy.read(Fixtures.file("structured.npy")), "structured.npy", "structured");
        assertMessage(() -> Npy.read(Fixtures.file("u8_huge.npy")), "u8_huge.npy", "9007199254740993", "exactly");
        byte[] good = Files.readAllBytes(Fixtures.file("f8.npy"));
        Path truncated = tmp.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(good, good.length - 5));
        assertMessage(() -> Npy.read(truncated), "truncated.npy", "truncated", "96 bytes", "91");
        Path magic = tmp.resolve("magic.npy");
        Files.writeString(magic, "x,y\n1,2\n");
        assertMessage(() -> Npy.read(magic), "magic.npy", "bad magic");
        assertMessage(() -> Npy.read(tmp.resolve("absent.npy")), "absent.npy", "no such file");
        assertMessage(() -> Npz.read(Fixtures.file("data.npz"), "train_x"), "data.npz", "no array 'train_x'",
                "arrays X, Y");
        Path notZip = tmp.resolve("broken.npz");
        Files.write(notZip, Arrays.copyOf(Files.readAllBytes(Fixtures.file("data.npz")), 100));
        assertMessage(() -> Npz.read(notZip, "X"), "broken.npz", "not a numpy .npz archive");
        assertMessage(() -> DataFiles.load(new DataSource(Fixtures.file("f8.npy"), null, Fixtures.file(
                "i8_labels.npy"), null, null)), "f8.npy", "4 samples", "i8_labels.npy", "3 labels");
    }

    @Test
    void nonFiniteFeatures_areNamedBySampleAndFeature() {
        NumericArray x = new NumericArray("x.npy", new int[] {2, 2}, new double[] {0, 1, Double.NaN, 2});
        NumericArray y = new NumericArray("y.npy", new int[] {2}, new double[] {0, 1});
        assertMessage(() -> DataFiles.fromArrays("x", x, y), "x.npy", "sample 1, feature 0", "NaN");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable e, String... parts) {
        DataException ex = assertThrows(DataException.class, e);
        for (String p : parts) {
            assertTrue(ex.getMessage().contains(p), () -> "'" + ex.getMessage() + "' should contain '" + p + "'");
        }
        assertTrue(ex.getMessage().lines().count() == 1, "one line: " + ex.getMessage());
    }
}

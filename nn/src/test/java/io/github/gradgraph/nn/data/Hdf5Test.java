package io.github.gradgraph.nn.data;

import static io.github.gradgraph.nn.data.NumpyFilesTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HDF5 files written by h5py (fixtures/make_fixtures.py), laid out as the classic course's image sets. */
class Hdf5Test {
    @TempDir
    Path tmp;

    @Test
    void courseLayout_uint8Images_int64Labels() {
        Dataset d = DataFiles.load(new DataSource(Fixtures.file("images.h5"), null, null, "train_set_x",
                "train_set_y"));
        assertEquals(4, d.size());
        assertEquals(12, d.features());
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 12; i++) {
                assertEquals(((j * 12 + i) * 37) % 256, d.x().get(i, j), 0.0, "sample " + j + " feature " + i);
            }
        }
        assertArrayEquals(new int[] {1, 0, 0, 1}, d.labels());
    }

    @Test
    void float32InAGroup_andGzipCompressedInt32() {
        NumericArray f = Hdf5.read(Fixtures.file("images.h5"), "extra/f32");
        assertArrayEquals(new int[] {2, 3}, f.shape());
        for (int i = 0; i < 6; i++) {
            assertEquals((double) (float) (i / 10.0), f.values()[i], 0.0);
        }
        NumericArray c = Hdf5.read(Fixtures.file("images.h5"), "/compressed");
        for (int i = 0; i < 100; i++) {
            assertEquals(i, c.values()[i], 0.0);
        }
    }

    @Test
    void refusals_nameTheFileAndTheProblem() throws IOException {
        assertMessage(() -> Hdf5.read(Fixtures.file("images.h5"), "X"), "images.h5", "no dataset 'X'",
                "train_set_x", "train_set_y", "extra/f32");
        assertMessage(() -> Hdf5.read(Fixtures.file("images.h5"), "list_classes"), "images.h5", "list_classes",
                "cannot be read as numbers");
        Path notHdf = tmp.resolve("fake.h5");
        Files.writeString(notHdf, "not hdf5 at all");
        assertMessage(() -> Hdf5.read(notHdf, "X"), "fake.h5", "cannot be read as HDF5");
        Path truncated = tmp.resolve("truncated.h5");
        byte[] good = Files.readAllBytes(Fixtures.file("images.h5"));
        Files.write(truncated, Arrays.copyOf(good, good.length / 3));
        assertMessage(() -> Hdf5.read(truncated, "train_set_x"), "truncated.h5");
        assertMessage(() -> Hdf5.read(tmp.resolve("absent.h5"), "X"), "absent.h5", "no such file");
    }
}

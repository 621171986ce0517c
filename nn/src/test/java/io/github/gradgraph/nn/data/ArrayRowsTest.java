package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every range of samples of every array fixture numpy and h5py wrote — C and Fortran order, both byte orders,
 * integer and float types, plain and compressed .npz, contiguous and gzip-chunked HDF5 (chunks across every axis) —
 * read alone equals the same rows of the whole array.
 */
class ArrayRowsTest {
    record Case(DataSource source, Supplier<NumericArray> whole) {
    }

    @Test
    void everyRangeOfEveryFixture_equalsTheRowsOfTheWholeArray() {
        List<Case> cases = List.of(
                npy("f8.npy"), npy("f4_fortran.npy"), npy("i2_big_endian.npy"), npy("u1_images.npy"),
                npy("i8_labels.npy"), npy("bool.npy"),
                npz("data.npz", "X"), npz("data.npz", "Y"), npz("data_compressed.npz", "features"),
                npz("data_compressed.npz", "target"),
                h5("images.h5", "train_set_x"), h5("images.h5", "train_set_y"), h5("images.h5", "extra/f32"),
                h5("images.h5", "compressed"), h5("chunked.h5", "rows"));
        int ranges = 0;
        for (Case c : cases) {
            NumericArray whole = c.whole().get();
            assertArrayEquals(whole.shape(), ArrayRows.shape(c.source()), c.source().toString());
            int m = whole.shape()[0];
            int per = whole.values().length / m;
            for (int start = 0; start <= m; start++) {
                for (int count = 0; start + count <= m; count++) {
                    NumericArray rows = ArrayRows.read(c.source(), start, count);
                    int[] shape = whole.shape();
                    shape[0] = count;
                    String what = c.source().file().getFileName() + " " + c.source().xKey() + " [" + start + ", "
                            + (start + count) + ")";
                    assertArrayEquals(shape, rows.shape(), what);
                    assertArrayEquals(Arrays.copyOfRange(whole.values(), start * per, (start + count) * per),
                            rows.values(), 0.0, what);
                    ranges++;
                }
            }
        }
        assertTrue(ranges > 200, "ranges read: " + ranges);
    }

    @Test
    void aRangeOutsideTheArray_orAMissingArray_isNamed() {
        DataSource f8 = new DataSource(Fixtures.file("f8.npy"), null, null, null, null);
        DataException e = assertThrows(DataException.class, () -> ArrayRows.read(f8, 3, 2));
        assertEquals(Fixtures.file("f8.npy") + ": samples 3 to 4 are outside its shape (4, 3)", e.getMessage());
        DataSource none = new DataSource(Fixtures.file("data.npz"), null, null, "Z", "Y");
        e = assertThrows(DataException.class, () -> ArrayRows.shape(none));
        assertTrue(e.getMessage().startsWith(Fixtures.file("data.npz") + ": no array 'Z'; it has "), e.getMessage());
        DataSource h5 = new DataSource(Fixtures.file("images.h5"), null, null, "nope", null);
        e = assertThrows(DataException.class, () -> ArrayRows.shape(h5));
        assertTrue(e.getMessage().startsWith(Fixtures.file("images.h5") + ": no dataset 'nope'; it has "),
                e.getMessage());
    }

    private static Case npy(String name) {
        return new Case(new DataSource(Fixtures.file(name), null, null, null, null),
                () -> Npy.read(Fixtures.file(name)));
    }

    private static Case npz(String name, String key) {
        return new Case(new DataSource(Fixtures.file(name), null, null, key, null),
                () -> Npz.read(Fixtures.file(name), key));
    }

    private static Case h5(String name, String key) {
        return new Case(new DataSource(Fixtures.file(name), null, null, key, null),
                () -> Hdf5.read(Fixtures.file(name), key));
    }
}

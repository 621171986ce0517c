package io.github.gradgraph.nn.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads numeric datasets from HDF5 files ({@code .h5}, {@code .hdf5}), such as the classic course's image sets, through
 * jHDF, a pure-Java HDF5 reader. Floating and integer datasets (signed or unsigned) are widened exactly to float64.
 */
public final class Hdf5 {
    private static final long EXACT = 1L << 53;

    private Hdf5() {
    }

    /**
     * @param key the dataset's path in the file, e.g. {@code train_set_x} or {@code /data/x}
     * @throws DataException naming the file and the problem; a missing key names the datasets the file has
     */
    public static NumericArray read(Path file, String key) {
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return toArray(file + " dataset '" + key + "'", find(hdf, file, key));
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) { // jHDF's exceptions for a file that is not HDF5 or is damaged
            throw new DataException(file + ": cannot be read as HDF5 (" + firstLine(e) + ")");
        }
    }

    /** @return the dataset {@code key} of an open file; a missing one is named with the datasets the file has */
    static Dataset find(HdfFile hdf, Path file, String key) {
        Node node;
        try {
            node = hdf.getByPath(key);
        } catch (RuntimeException e) { // jHDF reports a missing path with its own exception types
            node = null;
        }
        if (!(node instanceof Dataset d)) {
            throw new DataException(file + ": no dataset '" + key + "'; it has " + describe(datasets(hdf)));
        }
        return d;
    }

    /** @return the paths of every dataset in the file, without the leading slash */
    public static List<String> datasets(Path file) {
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return datasets(hdf);
        } catch (RuntimeException e) {
            throw new DataException(file + ": cannot be read as HDF5 (" + firstLine(e) + ")");
        }
    }

    private static NumericArray toArray(String source, Dataset d) {
        if (d.isCompound() || d.isVariableLength()) {
            throw new DataException(source + ": compound or variable-length data cannot be read; use a numeric "
                    + "dataset");
        }
        int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
        Object flat = d.isEmpty() ? new double[0] : d.getDataFlat();
        double[] v = widen(source, flat, d.getJavaType());
        return new NumericArray(source, shape, v);
    }

    static double[] widen(String source, Object flat, Class<?> type) {
        if (flat instanceof double[] d) {
            return d;
        }
        if (flat instanceof float[] f) {
            return widen(f.length, i -> f[i]);
        }
        if (flat instanceof long[] l) {
            for (int i = 0; i < l.length; i++) {
                if (l[i] > EXACT || l[i] < -EXACT) {
                    throw new DataException(source + ": value " + l[i] + " at index " + i
                            + " cannot be held exactly by a float64");
                }
            }
            return widen(l.length, i -> l[i]);
        }
        if (flat instanceof int[] a) {
            return widen(a.length, i -> a[i]);
        }
        if (flat instanceof short[] a) {
            return widen(a.length, i -> a[i]);
        }
        if (flat instanceof byte[] a) {
            return widen(a.length, i -> a[i]);
        }
        if (flat instanceof boolean[] a) {
            return widen(a.length, i -> a[i] ? 1 : 0);
        }
        if (flat instanceof java.math.BigInteger[] a) { // unsigned 64-bit
            double[] v = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                if (a[i].compareTo(java.math.BigInteger.ONE.shiftLeft(53)) > 0) {
                    throw new DataException(source + ": value " + a[i] + " at index " + i
                            + " cannot be held exactly by a float64");
                }
                v[i] = a[i].doubleValue();
            }
            return v;
        }
        throw new DataException(source + ": holds " + (type == null ? "values" : type.getSimpleName())
                + " values, which cannot be read as numbers; use a float or integer dataset");
    }

    private static double[] widen(int n, java.util.function.IntToDoubleFunction value) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = value.applyAsDouble(i);
        }
        return v;
    }

    private static List<String> datasets(Group group) {
        List<String> names = new ArrayList<>();
        for (Node n : group) {
            if (n instanceof Dataset) {
                names.add(n.getPath().startsWith("/") ? n.getPath().substring(1) : n.getPath());
            } else if (n instanceof Group g && !n.isLink()) {
                names.addAll(datasets(g));
            }
        }
        return names;
    }

    private static String describe(List<String> names) {
        return names.isEmpty() ? "no datasets" : "datasets " + String.join(", ", names);
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}

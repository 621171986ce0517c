package io.github.gradgraph.nn.data;

import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;

/**
 * Loads samples from CSV, numpy ({@code .npy}, {@code .npz}), HDF5 and IDX files into the column-per-sample layout:
 * in numpy, HDF5 and IDX arrays the first axis is the sample, and each sample is flattened in row-major (C) order to one
 * column of X, so a (209, 64, 64, 3) image array becomes 12,288 × 209.
 */
public final class DataFiles {
    private DataFiles() {
    }

    /**
     * Loads labelled samples.
     *
     * @throws DataException naming the file and the problem: a missing array (with the names the file has), a dtype
     *     that cannot be read, labels that are not classes, sample counts that differ, a value that is not finite
     */
    public static Dataset load(DataSource s) {
        String name = s.file().getFileName() == null ? s.file().toString() : s.file().getFileName().toString();
        switch (s.format()) {
            case CSV:
                return CsvData.load(s.file(), s.labelColumn());
            case NPY:
                if (s.labels() == null) {
                    return lastColumnLabelled(name, Npy.read(s.file()));
                }
                return fromArrays(name, Npy.read(s.file()), labels(s));
            case NPZ:
                return fromArrays(name, Npz.read(s.file(), s.xKey()), labels(s));
            case IDX:
                return fromArrays(name, Idx.read(s.file()), labels(s));
            default:
                return fromArrays(name, Hdf5.read(s.file(), s.xKey()), labels(s));
        }
    }

    /**
     * @return the labels array of an array source: the {@code --labels} {@code .npy} or IDX file, or the
     *     {@code yKey} array of an {@code .npz} or HDF5 file
     * @throws IllegalArgumentException for a CSV file or a {@code .npy} without a labels file (labels in a column)
     * @throws DataException for an IDX file without a labels file: IDX holds one array a file
     */
    public static NumericArray labels(DataSource s) {
        switch (s.format()) {
            case NPY:
                if (s.labels() == null) {
                    throw new IllegalArgumentException(s.file() + " holds its labels in its last column");
                }
                return array(s.labels());
            case IDX:
                if (s.labels() == null) {
                    throw new DataException(s.file() + " is an IDX file, which holds one array; its labels are a "
                            + "second IDX file (t10k-images-idx3-ubyte goes with t10k-labels-idx1-ubyte)");
                }
                return array(s.labels());
            case NPZ:
                return Npz.read(s.file(), s.yKey());
            case HDF5:
                return Hdf5.read(s.file(), s.yKey());
            default:
                throw new IllegalArgumentException(s.file() + " is a CSV file: its labels are a column");
        }
    }

    /**
     * Loads features only, for prediction: a CSV file without its label column (when one is named), a whole
     * {@code .npy} or IDX array, or the features array of an {@code .npz} or HDF5 file.
     *
     * @return n×m features, one column per sample
     */
    public static DMatrixRMaj loadFeatures(DataSource s) {
        switch (s.format()) {
            case CSV:
                return CsvData.loadFeatures(s.file(), s.labelColumn());
            case NPY:
                return features(Npy.read(s.file()));
            case NPZ:
                return features(Npz.read(s.file(), s.xKey()));
            case IDX:
                return features(Idx.read(s.file()));
            default:
                return features(Hdf5.read(s.file(), s.xKey()));
        }
    }

    /**
     * @return the names of the arrays in an {@code .npz} or HDF5 file; empty for CSV and {@code .npy}
     * @throws DataException when the file cannot be read
     */
    public static java.util.List<String> arrayNames(DataSource s) {
        switch (s.format()) {
            case NPZ: return Npz.keys(s.file());
            case HDF5: return Hdf5.datasets(s.file());
            default: return java.util.List.of();
        }
    }

    /** @return a labels file's one array: IDX by its name ({@link Idx#isIdxName}), {@code .npy} otherwise */
    private static NumericArray array(java.nio.file.Path file) {
        return DataSource.formatOf(file) == DataSource.Format.IDX ? Idx.read(file) : Npy.read(file);
    }

    /**
     * @param x features, first axis the sample
     * @param y labels of the same samples: class indices or one-hot rows
     */
    public static Dataset fromArrays(String name, NumericArray x, NumericArray y) {
        if (x.samples() != y.samples()) {
            throw new DataException(x.source() + " has " + x.samples() + " samples (shape " + x.shapeText() + ") but "
                    + y.source() + " has " + y.samples() + " labels (shape " + y.shapeText() + ")");
        }
        ArrayLabels labels = ArrayLabels.of(y);
        return new Dataset(name, features(x), labels.labels(), labels.classNames());
    }

    private static Dataset lastColumnLabelled(String name, NumericArray a) {
        int[] shape = a.shape();
        if (shape.length != 2 || shape[1] < 2) {
            throw new DataException(a.source() + " has shape " + a.shapeText() + "; a single .npy file must be "
                    + "(samples, features + 1) with the label last, or give the labels in a second .npy file");
        }
        int m = shape[0];
        int n = shape[1] - 1;
        double[] v = a.values();
        double[] xs = new double[m * n];
        double[] ys = new double[m];
        for (int j = 0; j < m; j++) {
            System.arraycopy(v, j * (n + 1), xs, j * n, n);
            ys[j] = v[j * (n + 1) + n];
        }
        NumericArray x = new NumericArray(a.source(), new int[] {m, n}, xs);
        NumericArray y = new NumericArray(a.source() + " (last column)", new int[] {m}, ys);
        return fromArrays(name, x, y);
    }

    private static DMatrixRMaj features(NumericArray x) {
        if (x.shape().length == 0 || x.samples() == 0 || x.perSample() == 0) {
            throw new DataException(x.source() + " has shape " + x.shapeText() + ": no samples or no features");
        }
        double[] v = x.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                int n = x.perSample();
                throw new DataException(x.source() + ": sample " + i / n + ", feature " + i % n + " is " + v[i]
                        + "; values must be finite");
            }
        }
        return x.sampleColumns();
    }
}

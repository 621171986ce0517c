package io.github.gradgraph.nn.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where samples come from and how to find features and labels in it. The format follows the file's name:
 * {@code .npy}, {@code .npz}, {@code .h5}/{@code .hdf5}, IDX ({@code *-ubyte}, {@code *.idx}, either maybe
 * {@code .gz}), anything else CSV.
 *
 * @param file        the data file
 * @param labelColumn CSV: the label column, a header name or 0-based index; null for the last column
 * @param labels      {@code .npy}: a second {@code .npy} file with the labels, null when the label is the last
 *                    column; IDX: the labels' IDX (or {@code .npy}) file
 * @param xKey        {@code .npz} and HDF5: the name of the features array
 * @param yKey        {@code .npz} and HDF5: the name of the labels array
 */
public record DataSource(Path file, String labelColumn, Path labels, String xKey, String yKey) {
    /** The formats a data file can have. */
    public enum Format { CSV, NPY, NPZ, HDF5, IDX }

    public DataSource {
        Objects.requireNonNull(file, "file");
        xKey = xKey == null ? "X" : xKey;
        yKey = yKey == null ? "Y" : yKey;
    }

    /** @return a CSV or {@code .npy} source with the default label column and keys */
    public static DataSource of(Path file) {
        return new DataSource(file, null, null, null, null);
    }

    /** @return the format, by extension */
    public Format format() {
        return formatOf(file);
    }

    /** @return the format of {@code file}, by its name */
    public static Format formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return Format.NPY;
        }
        if (name.endsWith(".npz")) {
            return Format.NPZ;
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return Format.HDF5;
        }
        if (Idx.isIdxName(name)) {
            return Format.IDX;
        }
        return Format.CSV;
    }
}

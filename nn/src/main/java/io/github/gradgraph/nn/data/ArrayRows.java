package io.github.gradgraph.nn.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.object.message.DataLayout;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A range of samples (first-axis rows) of the features array of a {@code .npy}, {@code .npz} or HDF5 file, read
 * without the rest: a C-ordered {@code .npy} is read at the range's offset, a {@code .npz} entry streamed past the
 * samples before it, a contiguous HDF5 dataset sliced. A Fortran-ordered array has no contiguous rows, and jHDF cannot
 * yet slice chunked HDF5 data, so those are read whole (once per JVM for HDF5) and the range taken from them. This is how each worker of a cluster reads its own part of a file.
 */
public final class ArrayRows {
    /** Bytes read for a header: numpy's are a few hundred (padded to 64); a larger one is reported as truncated. */
    private static final int HEAD = 1 << 16;

    private ArrayRows() {
    }

    /**
     * @return the shape of the features array ({@code s.xKey()} of an {@code .npz} or HDF5 file, the {@code .npy}
     *         file itself), its values not read
     * @throws DataException naming the file when it or the array is missing or unreadable
     */
    public static int[] shape(DataSource s) {
        switch (s.format()) {
            case NPY:
                return npyHeader(s.file()).shape();
            case NPZ:
                try (ZipFile zip = new ZipFile(existing(s.file()).toFile())) {
                    ZipEntry e = entry(zip, s);
                    try (InputStream in = zip.getInputStream(e)) {
                        return Npy.header(source(s), in.readNBytes(HEAD)).shape();
                    }
                } catch (IOException e) {
                    throw new DataException(s.file() + ": cannot be read as a numpy .npz archive: " + e.getMessage(),
                            e);
                }
            case HDF5:
                try (HdfFile hdf = new HdfFile(existing(s.file()))) {
                    return Hdf5.find(hdf, s.file(), s.xKey()).getDimensions();
                } catch (DataException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new DataException(s.file() + ": cannot be read as HDF5 (" + Hdf5.firstLine(e) + ")");
                }
            case IDX:
                throw new IllegalArgumentException(s.file() + " is an IDX file, which is read whole where the "
                        + "command runs (DataFiles), not in ranges by a cluster's workers");
            default:
                throw new IllegalArgumentException(s.file() + " is a CSV file, not an array file");
        }
    }

    /**
     * @param start the first sample
     * @param count how many samples
     * @return samples {@code start} … {@code start + count − 1}, shape (count, the array's other axes…)
     * @throws DataException naming the file when it cannot be read or the range is outside the array
     */
    public static NumericArray read(DataSource s, int start, int count) {
        int[] shape = shape(s);
        if (shape.length == 0 || start < 0 || count < 0 || (long) start + count > shape[0]) {
            throw new DataException(source(s) + ": samples " + start + " to " + ((long) start + count - 1)
                    + " are outside its shape " + NumericArray.shapeText(shape));
        }
        int[] rows = shape.clone();
        rows[0] = count;
        switch (s.format()) {
            case NPY:
                return npyRows(s, rows, start);
            case NPZ:
                return npzRows(s, rows, start);
            default:
                return hdf5Rows(s, rows, start);
        }
    }

    private static NumericArray npyRows(DataSource s, int[] rows, int start) {
        Npy.Header h = npyHeader(s.file());
        if (h.fortran()) {
            return slice(Npy.read(s.file()), rows, start);
        }
        long bytes = h.sampleBytes() * rows[0];
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(bytes));
        try (FileChannel ch = FileChannel.open(s.file(), StandardOpenOption.READ)) {
            long at = h.dataStart() + h.sampleBytes() * start;
            while (data.hasRemaining()) {
                if (ch.read(data, at + data.position()) < 0) {
                    throw new DataException(s.file() + ": truncated: shape " + h.shapeText() + " needs more data");
                }
            }
        } catch (IOException e) {
            throw new DataException(s.file() + ": cannot be read: " + e.getMessage(), e);
        }
        data.flip();
        return new NumericArray(source(s), rows, h.decode(data, valueIndex(h, start), values(rows)));
    }

    private static NumericArray npzRows(DataSource s, int[] rows, int start) {
        try (ZipFile zip = new ZipFile(existing(s.file()).toFile())) {
            ZipEntry e = entry(zip, s);
            Npy.Header h;
            try (InputStream in = zip.getInputStream(e)) {
                h = Npy.header(source(s), in.readNBytes(HEAD));
            }
            if (h.fortran()) {
                return slice(Npz.read(s.file(), s.xKey()), rows, start);
            }
            try (InputStream in = zip.getInputStream(e)) {
                in.skipNBytes(h.dataStart() + h.sampleBytes() * start);
                byte[] data = in.readNBytes(Math.toIntExact(h.sampleBytes() * rows[0]));
                if (data.length < h.sampleBytes() * rows[0]) {
                    throw new DataException(source(s) + ": truncated: shape " + h.shapeText() + " needs more data");
                }
                return new NumericArray(source(s), rows, h.decode(ByteBuffer.wrap(data), valueIndex(h, start),
                        values(rows)));
            }
        } catch (IOException e) {
            throw new DataException(s.file() + ": cannot be read as a numpy .npz archive: " + e.getMessage(), e);
        }
    }

    private static NumericArray hdf5Rows(DataSource s, int[] rows, int start) {
        try (HdfFile hdf = new HdfFile(existing(s.file()))) {
            Dataset d = Hdf5.find(hdf, s.file(), s.xKey());
            if (d.getDataLayout() == DataLayout.CHUNKED) {
                // jHDF 0.10 slices chunked data wrongly past the first chunk (zeros; jamesmudd/jhdf#727): read it
                // whole, once per JVM, and take the rows
                return slice(WholeArrays.read(s.file(), s.xKey()), rows, start);
            }
            long[] offset = new long[rows.length];
            offset[0] = start;
            double[] values = new double[values(rows)];
            if (values.length > 0) {
                flatten(source(s), d.getData(offset, rows), values, 0);
            }
            return new NumericArray(source(s), rows, values);
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException(s.file() + ": cannot be read as HDF5 (" + Hdf5.firstLine(e) + ")");
        }
    }

    /**
     * Copies a (nested) Java array of numbers, as jHDF returns a slice, into {@code out} in C order, widened as
     * {@link Hdf5} widens whole datasets.
     *
     * @return the next index of {@code out}
     */
    private static int flatten(String source, Object array, double[] out, int at) {
        if (array.getClass().getComponentType().isArray()) {
            for (int i = 0; i < Array.getLength(array); i++) {
                at = flatten(source, Array.get(array, i), out, at);
            }
            return at;
        }
        double[] row = Hdf5.widen(source, array, array.getClass().getComponentType());
        System.arraycopy(row, 0, out, at, row.length);
        return at + row.length;
    }

    private static NumericArray slice(NumericArray all, int[] rows, int start) {
        int per = values(rows) / Math.max(1, rows[0]);
        return new NumericArray(all.source(), rows, Arrays.copyOfRange(all.values(), start * per,
                start * per + values(rows)));
    }

    private static int values(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private static long valueIndex(Npy.Header h, int sample) {
        return h.sampleBytes() / h.type().size() * sample;
    }

    private static Npy.Header npyHeader(Path file) {
        try (InputStream in = Files.newInputStream(existing(file))) {
            return Npy.header(file.toString(), in.readNBytes(HEAD));
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }


    private static ZipEntry entry(ZipFile zip, DataSource s) {
        ZipEntry e = zip.getEntry(s.xKey() + ".npy");
        if (e == null) {
            throw new DataException(s.file() + ": no array '" + s.xKey() + "'; it has "
                    + String.join(", ", Npz.keys(s.file())));
        }
        return e;
    }

    private static Path existing(Path file) {
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        return file;
    }

    private static String source(DataSource s) {
        return s.format() == DataSource.Format.NPY ? s.file().toString() : s.file() + " array '" + s.xKey() + "'";
    }
}

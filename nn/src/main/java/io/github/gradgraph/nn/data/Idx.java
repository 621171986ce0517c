package io.github.gradgraph.nn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: two zero bytes, a type code, the rank r, then r big-endian
 * 32-bit sizes and the elements in row-major (C) order, big-endian. The type codes are 0x08 unsigned byte, 0x09
 * signed byte, 0x0B short, 0x0C int, 0x0D float and 0x0E double; every one is widened exactly to float64. A file that
 * starts with gzip's magic bytes (1f 8b) is inflated first, whatever its name. The first axis is the sample, as in
 * numpy files, so {@code train-images-idx3-ubyte} (60000, 28, 28) becomes 784 × 60000 through
 * {@link NumericArray#sampleColumns()}.
 */
public final class Idx {
    /** The type codes. */
    public static final int UBYTE = 0x08, BYTE = 0x09, SHORT = 0x0B, INT = 0x0C, FLOAT = 0x0D, DOUBLE = 0x0E;
    /**
     * The most data bytes a file may claim: what one Java array holds. A header past it is corrupt or describes an
     * array no machine here would read whole; refused before anything is allocated.
     */
    static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    private Idx() {
    }

    /**
     * @return whether {@code fileName} names an IDX file: {@code *-ubyte}, {@code *.idx}, {@code *.idx3} and so on,
     *     each maybe with {@code .gz}
     */
    public static boolean isIdxName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        return name.endsWith("-ubyte") || name.matches(".*\\.idx\\d*");
    }

    /**
     * @return the array, its first axis the sample
     * @throws DataException naming the file: not an IDX file (its first bytes), an unknown type code, sizes too large
     *     to hold, fewer data bytes than the header says (expected and found) or more (the trailing count)
     */
    public static NumericArray read(Path file) {
        try (InputStream in = open(file)) {
            byte[] head = readFully(in, 4);
            if (head.length < 4) {
                throw new DataException(file + ": truncated: " + head.length + " bytes, not even an IDX header "
                        + "(4 bytes: 0, 0, a type code, the rank)");
            }
            if (head[0] != 0 || head[1] != 0) {
                throw new DataException(file + " is not an IDX file: it starts with " + hex(head) + ", not 0x00 "
                        + "0x00 then a type code and the rank");
            }
            int type = head[2] & 0xff;
            int width = width(type);
            if (width == 0) {
                throw new DataException(file + ": unknown IDX type code " + String.format("0x%02X", type)
                        + "; known: 0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double");
            }
            int rank = head[3] & 0xff;
            byte[] dims = readFully(in, 4L * rank);
            if (dims.length < 4 * rank) {
                throw new DataException(file + ": truncated header: rank " + rank + " needs " + 4 * rank
                        + " bytes of sizes, found " + dims.length);
            }
            ByteBuffer sizes = ByteBuffer.wrap(dims);
            int[] shape = new int[rank];
            long elements = 1;
            for (int i = 0; i < rank; i++) {
                long d = sizes.getInt() & 0xffffffffL;
                if (d > MAX_DATA_BYTES) {
                    throw tooLarge(file, dims, i + 1, width);
                }
                shape[i] = (int) d;
                elements *= d;
                if (elements * width > MAX_DATA_BYTES) {
                    throw tooLarge(file, dims, rank, width);
                }
            }
            int expected = (int) (elements * width);
            byte[] data = readFully(in, expected);
            if (data.length < expected) {
                throw new DataException(file + ": truncated: the header says " + NumericArray.shapeText(shape)
                        + " of " + typeName(type) + ", " + expected + " bytes of data, found " + data.length);
            }
            long trailing = in.transferTo(java.io.OutputStream.nullOutputStream());
            if (trailing > 0) {
                throw new DataException(file + ": " + trailing + " trailing bytes after the " + expected + " bytes of "
                        + "a " + NumericArray.shapeText(shape) + " " + typeName(type) + " array");
            }
            return new NumericArray(file.toString(), shape, widen(type, (int) elements, data));
        } catch (ZipException e) {
            throw new DataException(file + ": starts as gzip but cannot be inflated: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new DataException(file + ": truncated gzip stream: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code a} as an IDX file, gzipped when the name ends in {@code .gz}: for tests, and to hand data to tools
     * that read MNIST's format.
     *
     * @param type one of the type codes; each value is narrowed to it as Java's casts do (ubyte keeps the low 8 bits)
     * @param a    the array (Not modified.)
     * @throws DataException naming the file when it cannot be written or the type code is unknown
     */
    public static void write(Path file, int type, NumericArray a) {
        if (width(type) == 0 || a.shape().length > 255) {
            throw new DataException(file + ": cannot write type code " + type + " with rank " + a.shape().length);
        }
        int[] shape = a.shape();
        double[] v = a.values();
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + width(type) * v.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        for (double x : v) {
            switch (type) {
                case UBYTE, BYTE -> b.put((byte) (int) x);
                case SHORT -> b.putShort((short) x);
                case INT -> b.putInt((int) x);
                case FLOAT -> b.putFloat((float) x);
                default -> b.putDouble(x);
            }
        }
        try (java.io.OutputStream out = file.toString().endsWith(".gz")
                ? new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(b.array());
        } catch (IOException e) {
            throw new DataException(file + ": cannot be written: " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /**
     * @return up to {@code n} bytes, fewer at the end of the stream; the buffer grows as bytes arrive, so a header
     *     that lies about the sizes costs no more memory than the file has
     */
    private static byte[] readFully(InputStream in, long n) throws IOException {
        byte[] b = new byte[(int) Math.min(n, 1 << 20)];
        int filled = 0;
        while (filled < n) {
            if (filled == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(n, 2L * b.length));
            }
            int r = in.read(b, filled, b.length - filled);
            if (r < 0) {
                return Arrays.copyOf(b, filled);
            }
            filled += r;
        }
        return b;
    }

    private static double[] widen(int type, int n, byte[] data) {
        double[] v = new double[n];
        ByteBuffer b = ByteBuffer.wrap(data); // big-endian, as IDX is
        switch (type) {
            case UBYTE -> { for (int i = 0; i < n; i++) { v[i] = data[i] & 0xff; } }
            case BYTE -> { for (int i = 0; i < n; i++) { v[i] = data[i]; } }
            case SHORT -> { for (int i = 0; i < n; i++) { v[i] = b.getShort(); } }
            case INT -> { for (int i = 0; i < n; i++) { v[i] = b.getInt(); } }
            case FLOAT -> { for (int i = 0; i < n; i++) { v[i] = b.getFloat(); } }
            default -> { for (int i = 0; i < n; i++) { v[i] = b.getDouble(); } }
        }
        return v;
    }

    /** @return bytes per element of an IDX type code, 0 for an unknown one */
    static int width(int type) {
        return switch (type) {
            case UBYTE, BYTE -> 1;
            case SHORT -> 2;
            case INT, FLOAT -> 4;
            case DOUBLE -> 8;
            default -> 0;
        };
    }

    private static String typeName(int type) {
        return switch (type) {
            case UBYTE -> "ubyte";
            case BYTE -> "byte";
            case SHORT -> "short";
            case INT -> "int";
            case FLOAT -> "float";
            default -> "double";
        };
    }

    private static DataException tooLarge(Path file, byte[] dims, int shown, int width) {
        ByteBuffer b = ByteBuffer.wrap(dims);
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shown; i++) {
            s.append(i > 0 ? ", " : "").append(b.getInt() & 0xffffffffL);
        }
        return new DataException(file + ": the header's sizes " + s + (shown < dims.length / 4 ? ", …" : "")
                + ") at " + width + " bytes each exceed the " + MAX_DATA_BYTES + " bytes one array can hold; "
                + "the header is likely corrupt");
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(s.length() > 0 ? " " : "").append(String.format("0x%02X", x & 0xff));
        }
        return s.toString();
    }
}

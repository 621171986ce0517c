package io.github.gradgraph.nn.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numpy's {@code .npy} format (versions 1 to 3): the magic {@code \x93NUMPY}, a version, a header dictionary
 * with {@code descr}, {@code fortran_order} and {@code shape}, then the raw values. Floating types (f4, f8), signed
 * and unsigned integers of 1 to 8 bytes and booleans, in either byte order and either memory order, are widened
 * exactly to float64; an integer beyond ±2⁵³, which float64 cannot hold exactly, is refused. Complex, object,
 * string, structured and date types are refused by name.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * @param file a {@code .npy} file
     * @throws DataException naming the file and the problem
     */
    public static NumericArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes);
    }

    /**
     * @param source the file (and array name), for messages
     * @param bytes  the whole {@code .npy} content
     * @throws DataException naming the source and the problem
     */
    public static NumericArray parse(String source, byte[] bytes) {
        Header h = header(source, bytes);
        long need = h.count() * h.type().size;
        if (bytes.length - h.dataStart() != need) {
            throw new DataException(source + ": " + (bytes.length - h.dataStart() < need ? "truncated" : "corrupt")
                    + ": shape " + h.shapeText() + " of " + h.type().text + " needs " + need + " bytes of data, the "
                    + "file has " + (bytes.length - h.dataStart()));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) h.dataStart(), (int) need).slice();
        double[] stored = h.decode(data, 0, (int) h.count());
        return new NumericArray(source, h.shape(), h.fortran() ? toRowMajor(stored, h.shape()) : stored);
    }

    /**
     * The header of a {@code .npy} array: what its values are and where they start.
     *
     * @param source    the file (and array name), for messages
     * @param type      the element type
     * @param fortran   whether the values are stored column-major
     * @param shape     the array's shape
     * @param dataStart the offset of the first value
     */
    public record Header(String source, Dtype type, boolean fortran, int[] shape, long dataStart) {
        /** @return the number of values */
        public long count() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        /** @return the shape as numpy prints it */
        public String shapeText() {
            return NumericArray.shapeText(shape);
        }

        /** @return the bytes of one sample (the values after the first axis), in C order */
        public long sampleBytes() {
            long n = type.size;
            for (int a = 1; a < shape.length; a++) {
                n *= shape[a];
            }
            return n;
        }

        /**
         * @param data  raw values, positioned at value {@code first}
         * @param first the index of the first value in the whole array (for messages)
         * @param count how many values to read
         * @return the values widened to float64, in storage order
         */
        public double[] decode(ByteBuffer data, long first, int count) {
            ByteBuffer in = data.order(type.order);
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                out[i] = type.read(in, i * type.size);
                if (type.integer && type.size == 8 && !type.exact(in, i * type.size)) {
                    throw new DataException(source + ": value " + type.describe(in, i * type.size) + " at index "
                            + (first + i) + " cannot be held exactly by a float64");
                }
            }
            return out;
        }
    }

    /**
     * @param head the file's first bytes, at least up to the end of the header
     * @throws DataException naming the source when the header is malformed or describes values that cannot be read
     */
    public static Header header(String source, byte[] head) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (head.length <= i || head[i] != MAGIC[i]) {
                throw new DataException(source + ": not a numpy .npy array (bad magic bytes)");
            }
        }
        if (head.length < 10) {
            throw new DataException(source + ": truncated numpy header");
        }
        int major = head[6] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (head.length < 12) {
                throw new DataException(source + ": truncated numpy header");
            }
            headerLength = in.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new DataException(source + ": numpy format version " + major + " is not supported (1 to 3 are)");
        }
        if (start + headerLength > head.length) {
            throw new DataException(source + ": truncated: the header needs " + headerLength + " bytes, the file has "
                    + (head.length - start));
        }
        String header = new String(head, start, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new DataException(source + ": a structured or unreadable dtype (header " + header.strip()
                    + "); only plain numeric arrays can be read");
        }
        Dtype type = Dtype.parse(source, descr.group(1));
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!fortran.find() || !shapeText.find()) {
            throw new DataException(source + ": the header has no fortran_order or shape: " + header.strip());
        }
        int[] shape = shape(source, shapeText.group(1));
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > Integer.MAX_VALUE - 8) {
                throw new DataException(source + ": too many values for one array (shape " + shapeText.group(1) + ")");
            }
        }
        return new Header(source, type, fortran.group(1).equals("True"), shape, start + headerLength);
    }

    private static int[] shape(String source, String text) {
        String[] parts = text.split(",");
        int n = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            if (p.isBlank()) {
                continue;
            }
            try {
                shape[n] = Integer.parseInt(p.strip().replace("L", ""));
            } catch (NumberFormatException e) {
                shape[n] = -1;
            }
            if (shape[n] < 0) {
                throw new DataException(source + ": the shape (" + text + ") is not a list of sizes");
            }
            n++;
        }
        return java.util.Arrays.copyOf(shape, n);
    }

    /** Reorders column-major (Fortran) storage to row-major. */
    static double[] toRowMajor(double[] columnMajor, int[] shape) {
        double[] out = new double[columnMajor.length];
        int[] index = new int[shape.length];
        for (int f = 0; f < columnMajor.length; f++) {
            int c = 0;
            for (int a = 0; a < shape.length; a++) {
                c = c * shape[a] + index[a];
            }
            out[c] = columnMajor[f];
            for (int a = 0; a < shape.length && ++index[a] == shape[a]; a++) { // first axis varies fastest
                index[a] = 0;
            }
        }
        return out;
    }

    /**
     * An element type numpy names as byte order, kind and size, such as {@code <f8} or {@code |u1}.
     *
     * @param text    as the header writes it
     * @param order   the byte order
     * @param kind    f, i, u or b
     * @param size    bytes per value
     * @param integer whether the kind is an integer
     */
    public record Dtype(String text, ByteOrder order, char kind, int size, boolean integer) {
        static Dtype parse(String source, String descr) {
            if (descr.length() < 2) {
                throw new DataException(source + ": unknown dtype '" + descr + "'");
            }
            char byteOrder = descr.charAt(0);
            char kind = descr.charAt(1);
            int size;
            try {
                size = descr.length() == 2 ? 0 : Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                size = -1;
            }
            ByteOrder order = byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            boolean ok = switch (kind) {
                case 'f' -> size == 4 || size == 8;
                case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
                case 'b' -> size == 1;
                default -> false;
            };
            if (!ok) {
                throw new DataException(source + ": dtype '" + descr + "' (" + kindName(kind, size)
                        + ") cannot be read; use float64, float32, an integer type or bool");
            }
            return new Dtype(descr, order, kind, size, kind == 'i' || kind == 'u');
        }

        double read(ByteBuffer b, int at) {
            return switch (kind) {
                case 'f' -> size == 8 ? b.getDouble(at) : b.getFloat(at);
                case 'b' -> b.get(at) != 0 ? 1 : 0;
                case 'i' -> switch (size) {
                    case 1 -> b.get(at);
                    case 2 -> b.getShort(at);
                    case 4 -> b.getInt(at);
                    default -> b.getLong(at);
                };
                default -> switch (size) {
                    case 1 -> b.get(at) & 0xff;
                    case 2 -> b.getShort(at) & 0xffff;
                    case 4 -> b.getInt(at) & 0xffffffffL;
                    default -> unsigned(b.getLong(at));
                };
            };
        }

        /** @return whether the 8-byte integer at {@code at} is within ±2⁵³, where float64 holds every integer */
        boolean exact(ByteBuffer b, int at) {
            long v = b.getLong(at);
            return kind == 'u' ? Long.compareUnsigned(v, 1L << 53) <= 0 : v >= -(1L << 53) && v <= 1L << 53;
        }

        String describe(ByteBuffer b, int at) {
            if (kind == 'u' && size == 8) {
                return Long.toUnsignedString(b.getLong(at));
            }
            return Long.toString(size == 8 ? b.getLong(at) : (long) read(b, at));
        }

        private static double unsigned(long v) {
            return v >= 0 ? v : 0x1p64 + v;
        }

        private static String kindName(char kind, int size) {
            return switch (kind) {
                case 'c' -> "complex";
                case 'O' -> "Python objects";
                case 'U', 'S', 'a' -> "strings";
                case 'V' -> "raw or structured records";
                case 'M', 'm' -> "dates or times";
                case 'f' -> size == 2 ? "float16" : "a float of " + size + " bytes";
                default -> "an unsupported type";
            };
        }
    }
}

package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IDX files: every element type gzipped and plain, any rank, and each way a file can be broken. */
class IdxTest {
    @TempDir
    Path tmp;

    /** Values each type holds exactly, its extremes among them. */
    private static double[] valuesOf(int type) {
        return switch (type) {
            case Idx.UBYTE -> new double[] {0, 1, 127, 128, 200, 255};
            case Idx.BYTE -> new double[] {-128, -1, 0, 1, 100, 127};
            case Idx.SHORT -> new double[] {-32768, -2, 0, 3, 1000, 32767};
            case Idx.INT -> new double[] {Integer.MIN_VALUE, -70000, 0, 5, 70000, Integer.MAX_VALUE};
            case Idx.FLOAT -> new double[] {-1.5f, 0.1f, 0, 3.25f, Float.MAX_VALUE, Float.MIN_VALUE};
            default -> new double[] {-1e300, 0.1, 0, Math.PI, Double.MAX_VALUE, Double.MIN_VALUE};
        };
    }

    @ParameterizedTest(name = "type 0x{0} gz={1}")
    @CsvSource({"08,false", "08,true", "09,false", "09,true", "0B,false", "0B,true", "0C,false", "0C,true",
            "0D,false", "0D,true", "0E,false", "0E,true"})
    void roundTrip_everyType_gzAndPlain_exactValues(String code, boolean gz) {
        int type = Integer.parseInt(code, 16);
        Path f = tmp.resolve("a.idx" + (gz ? ".gz" : ""));
        NumericArray a = new NumericArray("a", new int[] {3, 2}, valuesOf(type));
        Idx.write(f, type, a);
        NumericArray back = Idx.read(f);
        assertArrayEquals(new int[] {3, 2}, back.shape());
        assertArrayEquals(a.values(), back.values(), 0.0);
        assertEquals(f.toString(), back.source());
    }

    @Test
    void bytesAsWritten_bigEndianHeaderAndData() throws IOException {
        Path f = tmp.resolve("hand-ubyte"); // the bytes of the spec, not of our writer
        Files.write(f, new byte[] {0, 0, 0x0B, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0x01, 0x02, (byte) 0xFF, (byte) 0xFE});
        NumericArray a = Idx.read(f);
        assertArrayEquals(new int[] {2, 1}, a.shape());
        assertArrayEquals(new double[] {258, -2}, a.values(), 0.0);
    }

    @Test
    void anyRank_samplesAreColumnsInCOrder() {
        double[] v = new double[2 * 2 * 3 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Path f = tmp.resolve("images-idx4-ubyte.gz");
        Idx.write(f, Idx.UBYTE, new NumericArray("x", new int[] {2, 2, 3, 2}, v));
        NumericArray a = Idx.read(f);
        assertArrayEquals(new int[] {2, 2, 3, 2}, a.shape());
        DMatrixRMaj x = DataFiles.loadFeatures(DataSource.of(f));
        assertEquals(12, x.numRows);
        assertEquals(2, x.numCols);
        assertEquals(13, x.get(1, 1), 0.0); // sample 1, flat index 1
        Path rank1 = tmp.resolve("l.idx");
        Idx.write(rank1, Idx.INT, new NumericArray("y", new int[] {4}, new double[] {3, 1, 4, 1}));
        assertArrayEquals(new int[] {4}, Idx.read(rank1).shape());
    }

    @Test
    void gzipIsFoundByItsMagicBytes_notByTheName() throws IOException {
        Path f = tmp.resolve("plain-name-ubyte");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 9});
        }
        assertArrayEquals(new double[] {7, 9}, Idx.read(f).values(), 0.0);
        Path g = tmp.resolve("not-gzipped.idx.gz");
        Files.write(g, new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 5});
        assertArrayEquals(new double[] {5}, Idx.read(g).values(), 0.0);
    }

    @Test
    void namesOfIdxFiles() {
        for (String n : new String[] {"train-images-idx3-ubyte", "t10k-labels-idx1-ubyte.gz", "x.idx", "X.IDX.GZ",
                "a.idx3", "b.idx3-ubyte", "c.idx1-ubyte.gz"}) {
            assertEquals(DataSource.Format.IDX, DataSource.formatOf(Path.of(n)), n);
        }
        for (String n : new String[] {"x.csv", "x.csv.gz", "idx", "x.npy", "ubyte.txt"}) {
            assertFalse(Idx.isIdxName(n), n);
        }
    }

    private DataException broken(String name, byte[] bytes) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        DataException e = assertThrows(DataException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e;
    }

    @Test
    void badMagic_showsTheFirstBytes() throws IOException {
        String m = broken("m.idx", new byte[] {'P', 'K', 3, 4, 0, 0}).getMessage();
        assertTrue(m.contains("is not an IDX file: it starts with 0x50 0x4B 0x03 0x04"), m);
    }

    @Test
    void unknownTypeCode_isNamed() throws IOException {
        String m = broken("t.idx", new byte[] {0, 0, 0x0A, 1, 0, 0, 0, 1, 0}).getMessage();
        assertTrue(m.contains("unknown IDX type code 0x0A"), m);
    }

    @Test
    void truncatedData_expectedAndFoundBytes() throws IOException {
        String m = broken("d.idx", new byte[] {0, 0, 0x0C, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5}).getMessage();
        assertTrue(m.contains("truncated: the header says (2, 3) of int, 24 bytes of data, found 5"), m);
    }

    @Test
    void truncatedHeader_andEmptyFile() throws IOException {
        assertTrue(broken("h.idx", new byte[] {0, 0, 8, 3, 0, 0, 0, 1}).getMessage()
                .contains("truncated header: rank 3 needs 12 bytes of sizes, found 4"));
        assertTrue(broken("e.idx", new byte[0]).getMessage().contains("truncated: 0 bytes"));
    }

    @Test
    void truncatedGzipStream() throws IOException {
        Path good = tmp.resolve("g.idx.gz");
        Idx.write(good, Idx.DOUBLE, new NumericArray("x", new int[] {50}, new double[50]));
        byte[] all = Files.readAllBytes(good);
        String m = broken("cut.idx.gz", Arrays.copyOf(all, all.length - 12)).getMessage();
        assertTrue(m.contains("truncated"), m);
    }

    @Test
    void trailingBytes_areCounted() throws IOException {
        String m = broken("x.idx", new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3, 4, 5}).getMessage();
        assertTrue(m.contains("3 trailing bytes after the 2 bytes of a (2,) ubyte array"), m);
    }

    @Test
    void absurdSizes_refusedBeforeAllocating() throws IOException {
        // 65536 × 65536 × 65536 doubles: a corrupt header must not become an OutOfMemoryError
        String m = broken("huge.idx", new byte[] {0, 0, 0x0E, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 2})
                .getMessage();
        assertTrue(m.contains("the header's sizes (65536, 65536, 65536) at 8 bytes each exceed"), m);
        String n = broken("neg.idx", new byte[] {0, 0, 8, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})
                .getMessage();
        assertTrue(n.contains("(4294967295) at 1 bytes each exceed"), n);
        // within the limit but far more than the file has: read as far as it goes, then reported as truncated
        String t = broken("lies.idx", new byte[] {0, 0, 8, 1, 0x70, 0, 0, 0, 1, 2}).getMessage();
        assertTrue(t.contains("1879048192 bytes of data, found 2"), t);
    }

    @Test
    void labelsFromASecondIdxFile_andTheirCountChecked() {
        Path x = tmp.resolve("images-idx3-ubyte");
        Path y = tmp.resolve("labels-idx1-ubyte.gz");
        Idx.write(x, Idx.UBYTE, new NumericArray("x", new int[] {3, 2, 2}, new double[12]));
        Idx.write(y, Idx.UBYTE, new NumericArray("y", new int[] {3}, new double[] {2, 0, 1}));
        Dataset d = DataFiles.load(new DataSource(x, null, y, null, null));
        assertEquals(4, d.features());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        Idx.write(y, Idx.UBYTE, new NumericArray("y", new int[] {2}, new double[] {2, 0}));
        DataException e = assertThrows(DataException.class,
                () -> DataFiles.load(new DataSource(x, null, y, null, null)));
        assertTrue(e.getMessage().contains("has 3 samples (shape (3, 2, 2)) but " + y + " has 2 labels"),
                e.getMessage());
        DataException none = assertThrows(DataException.class, () -> DataFiles.load(DataSource.of(x)));
        assertTrue(none.getMessage().contains("holds one array; its labels are a second IDX file"),
                none.getMessage());
    }
}

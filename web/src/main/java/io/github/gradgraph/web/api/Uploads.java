package io.github.gradgraph.web.api;

import io.github.gradgraph.nn.data.CsvData;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.Dataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Data sets uploaded as CSV (two feature columns and a label column, read by the library's own CSV reader), kept in
 * memory under a random id that a session's {@code data} names as {@code upload:ID}. Bounded: the oldest upload is
 * forgotten when a new one would exceed {@link #MAX_UPLOADS}.
 */
public final class Uploads {
    /** The largest upload accepted, in bytes. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** Uploads kept at once. */
    public static final int MAX_UPLOADS = 16;
    /** Samples an upload may have. */
    public static final int MAX_SAMPLES = 20_000;

    private final Map<String, Dataset> byId = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param name the file's name as the browser gave it (only shown, never used as a path)
     * @param csv  the file's bytes
     * @return the id under which the data set is kept, and the data set
     * @throws ApiException 400 for a file that is not such a CSV, 413 for one too large
     */
    public synchronized Map.Entry<String, Dataset> add(String name, byte[] csv) {
        if (csv.length > MAX_BYTES) {
            throw new ApiException(413, "the upload is " + csv.length + " bytes; at most " + MAX_BYTES / 1024
                    + " KiB (" + MAX_BYTES + " bytes) of CSV");
        }
        String shown = name == null || name.isBlank() ? "upload.csv" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (shown.length() > 80) {
            shown = shown.substring(0, 80);
        }
        Dataset d = read(shown, csv);
        if (d.features() != 2) {
            throw ApiException.bad(shown + " has " + d.features() + " feature columns; the playground draws two "
                    + "(x, y) and a label column, the last");
        }
        if (d.size() > MAX_SAMPLES) {
            throw ApiException.bad(shown + " has " + d.size() + " samples; at most " + MAX_SAMPLES);
        }
        if (d.classes() < 2 || d.classes() > 10) {
            throw ApiException.bad(shown + " has " + d.classes() + " classes in its last column; 2 to 10 are drawn");
        }
        String id = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        byId.put(id, d);
        while (byId.size() > MAX_UPLOADS) {
            byId.remove(byId.keySet().iterator().next());
        }
        return Map.entry(id, d);
    }

    /** @throws ApiException 404 when no upload has that id (any more) */
    public synchronized Dataset get(String id) {
        Dataset d = byId.get(id);
        if (d == null) {
            throw new ApiException(404, "no uploaded data set 'upload:" + id + "' (uploads are kept while the server "
                    + "runs, the last " + MAX_UPLOADS + "); upload the file again");
        }
        return d;
    }

    private static Dataset read(String shown, byte[] csv) {
        int bad = firstNonText(csv);
        if (bad >= 0) {
            throw ApiException.bad(shown + " is not a text file (byte " + (bad + 1) + " is not UTF-8 text); upload "
                    + "a CSV: two feature columns and a label column");
        }
        return TempFolder.use("gradgraph-upload", dir -> {
            try {
                Path file = dir.resolve(shown.endsWith(".csv") ? shown : shown + ".csv");
                Files.write(file, csv);
                return CsvData.load(file, null);
            } catch (DataException | IllegalArgumentException e) {
                throw ApiException.bad(oneLine(e.getMessage()).replace(dir.toString() + java.io.File.separator, ""));
            } catch (IOException e) {
                throw new UncheckedIOException("could not keep the upload in a temporary file", e);
            }
        });
    }

    /** @return the offset of the first byte that is not part of UTF-8 text (a NUL counts as none), or -1 */
    static int firstNonText(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    private static String oneLine(String s) {
        return s == null ? "the file could not be read as CSV" : s.replace('\n', ' ');
    }
}

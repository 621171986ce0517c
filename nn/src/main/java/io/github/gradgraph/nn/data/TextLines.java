package io.github.gradgraph.nn.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of a character-level language model: a UTF-8 text, one example per line, and its {@link Vocabulary}.
 * A line ends at {@code \n} or {@code \r\n}, which are not part of the example (a lone {@code \r} is a character); a
 * final line end does not make an extra empty example, any other empty line is an example of zero characters. The
 * vocabulary is the examples' distinct code points and {@code \n}. Example i reads and predicts as
 * {@link #framed(int)} says. Immutable.
 */
public final class TextLines {
    private final String source;
    private final int[][] examples; // code points, line ends removed
    private final int[][] ids;
    private final Vocabulary vocabulary;

    private TextLines(String source, int[][] examples) {
        this.source = source;
        this.examples = examples;
        StringBuilder all = new StringBuilder();
        for (int[] e : examples) {
            all.appendCodePoint('\n');
            for (int c : e) {
                all.appendCodePoint(c);
            }
        }
        this.vocabulary = Vocabulary.of(all);
        this.ids = new int[examples.length][];
        for (int i = 0; i < examples.length; i++) {
            ids[i] = vocabulary.encode(examples[i]);
        }
    }

    /**
     * Reads a file as strict UTF-8.
     *
     * @throws DataException naming the file: missing or unreadable; malformed UTF-8 (the line number and the byte
     *     offset of the first bad byte, and the bytes); empty, or only line ends
     */
    public static TextLines read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read: " + e, e);
        }
        return of(file.toString(), decode(file.toString(), bytes));
    }

    /**
     * @param source names the text in messages, e.g. its file
     * @param text   the whole text, lines ended as in a file
     * @throws DataException naming the source when the text is empty or only line ends
     */
    public static TextLines of(String source, String text) {
        if (text.isEmpty()) {
            throw new DataException(source + ": empty: a text of examples has one example per line");
        }
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        boolean characters = false;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            if (end < 0) {
                end = text.length();
            } else if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            int[] line = text.substring(start, end).codePoints().toArray();
            characters |= line.length > 0;
            lines.add(line);
            start = next;
        }
        if (!characters) {
            throw new DataException(source + ": no characters, only " + lines.size() + " empty line"
                    + (lines.size() == 1 ? "" : "s") + ": a text of examples has one example per line");
        }
        return new TextLines(source, lines.toArray(new int[0][]));
    }

    private static String decode(String source, byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never takes fewer bytes than UTF-16 chars
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0; // 0x0A is never inside a UTF-8 sequence
            }
            StringBuilder bad = new StringBuilder();
            for (int i = at; i < Math.min(at + r.length(), bytes.length); i++) {
                bad.append(bad.length() > 0 ? " " : "").append(String.format("0x%02X", bytes[i] & 0xff));
            }
            throw new DataException(source + ": line " + line + ": malformed UTF-8 at byte offset " + at + " ("
                    + bad + "); the text must be UTF-8");
        }
        return out.flip().toString();
    }

    /** @return the file or name the text came from */
    public String source() {
        return source;
    }

    /** @return N, the number of examples */
    public int size() {
        return examples.length;
    }

    /** @return the examples' characters and {@code \n} */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** @return the code points of example i, without its line end (a copy) */
    public int[] example(int i) {
        return examples[i].clone();
    }

    /** @return example i as a String, without its line end */
    public String exampleText(int i) {
        return new String(examples[i], 0, examples[i].length);
    }

    /** @return the number of characters of example i; it runs for that + 1 time steps */
    public int length(int i) {
        return examples[i].length;
    }

    /** @return the longest example's length */
    public int maxLength() {
        int max = 0;
        for (int[] e : examples) {
            max = Math.max(max, e.length);
        }
        return max;
    }

    /** @return the number of predicted tokens over all examples: Σ (length + 1) */
    public long tokens() {
        long n = 0;
        for (int[] e : examples) {
            n += e.length + 1;
        }
        return n;
    }

    /** @return example i's inputs [−1, c1…cn] and targets [c1…cn, \n] as token ids */
    public FramedExample framed(int i) {
        return FramedExample.of(vocabulary, examples[i]);
    }

    /** @return the token id of character k of example i, without a copy (for building batches) */
    int id(int i, int k) {
        return ids[i][k];
    }

    @Override
    public String toString() {
        return source + ": " + size() + " examples, " + vocabulary.size() + " characters";
    }
}

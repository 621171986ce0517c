package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a text of examples: line ends, empty lines, strict UTF-8, and how each example is framed. */
class TextLinesTest {
    @TempDir
    Path tmp;

    private Path file(String name, byte[] bytes) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] examples(TextLines t) {
        String[] s = new String[t.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.exampleText(i);
        }
        return s;
    }

    @Test
    void aFinalLineEnd_makesNoExtraExample() throws IOException {
        assertArrayEquals(new String[] {"ab", "c"}, examples(TextLines.read(file("a.txt", "ab\nc\n"))));
        assertArrayEquals(new String[] {"ab", "c"}, examples(TextLines.read(file("b.txt", "ab\nc"))));
    }

    @Test
    void crlf_endsALine_andIsNotACharacter() throws IOException {
        TextLines t = TextLines.read(file("w.txt", "ab\r\ncd\r\n\r\ne\r\n"));
        assertArrayEquals(new String[] {"ab", "cd", "", "e"}, examples(t));
        assertEquals("\nabcde", t.vocabulary().text());
        TextLines mixed = TextLines.of("m", "a\r\nb\nc");
        assertArrayEquals(new String[] {"a", "b", "c"}, examples(mixed));
    }

    @Test
    void aLoneCarriageReturn_isACharacter() {
        TextLines t = TextLines.of("cr", "a\rb\nc\r");
        assertArrayEquals(new String[] {"a\rb", "c\r"}, examples(t));
        assertEquals("\n\rabc", t.vocabulary().text());
    }

    @Test
    void emptyLines_areExamplesOfZeroCharacters() {
        TextLines t = TextLines.of("e", "\nab\n\n\nc\n");
        assertArrayEquals(new String[] {"", "ab", "", "", "c"}, examples(t));
        assertEquals(0, t.length(0));
        FramedExample f = t.framed(0);
        assertArrayEquals(new int[] {-1}, f.inputs());
        assertArrayEquals(new int[] {0}, f.targets());
        assertEquals(2, t.maxLength());
        assertEquals(1 + 3 + 1 + 1 + 2, t.tokens());
    }

    @Test
    void framed_readsTheZeroVectorFirst_andPredictsTheLineEndLast() {
        TextLines t = TextLines.of("abc", "abc\nb\n");
        FramedExample f = t.framed(0); // \n = 0, a = 1, b = 2, c = 3
        assertArrayEquals(new int[] {-1, 1, 2, 3}, f.inputs());
        assertArrayEquals(new int[] {1, 2, 3, 0}, f.targets());
        assertEquals(4, f.steps());
        assertArrayEquals(new int[] {-1, 2}, t.framed(1).inputs());
        assertArrayEquals(new int[] {2, 0}, t.framed(1).targets());
    }

    @Test
    void nonBmpCharacters_areOneCodePointEach() throws IOException {
        String grin = new String(Character.toChars(0x1F600));
        TextLines t = TextLines.read(file("u.txt", "a" + grin + "é\n" + grin + "\n"));
        assertArrayEquals(new int[] {'a', 0x1F600, 'é'}, t.example(0));
        assertEquals(3, t.length(0));
        assertEquals("\na" + "é" + grin, t.vocabulary().text());
        assertArrayEquals(new int[] {-1, 1, 3, 2}, t.framed(0).inputs());
    }

    @Test
    void malformedUtf8_namesTheFileLineAndByteOffset() throws IOException {
        // line 1 "ab\n" is bytes 0-2, line 2 "c" is byte 3, then 0xC3 0x28: a lead byte without its continuation
        Path f = file("bad.txt", new byte[] {'a', 'b', '\n', 'c', (byte) 0xC3, 0x28, '\n'});
        DataException e = assertThrows(DataException.class, () -> TextLines.read(f));
        assertEquals(f + ": line 2: malformed UTF-8 at byte offset 4 (0xC3); the text must be UTF-8", e.getMessage());
        Path latin1 = file("latin1.txt", "ok\nfine\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + ": line 3: malformed UTF-8 at byte offset 11 (0xE9); the text must be UTF-8",
                assertThrows(DataException.class, () -> TextLines.read(latin1)).getMessage());
    }

    @Test
    void encodedSurrogatesAndOverlongForms_areMalformed() throws IOException {
        Path surrogate = file("s.txt", new byte[] {'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        assertEquals(surrogate + ": line 1: malformed UTF-8 at byte offset 1 (0xED 0xA0 0x80); the text must be UTF-8",
                assertThrows(DataException.class, () -> TextLines.read(surrogate)).getMessage());
        Path overlong = file("o.txt", new byte[] {'\n', (byte) 0xC0, (byte) 0xAF});
        assertEquals(overlong + ": line 2: malformed UTF-8 at byte offset 1 (0xC0); the text must be UTF-8",
                assertThrows(DataException.class, () -> TextLines.read(overlong)).getMessage());
    }

    @Test
    void emptyOrOnlyLineEnds_isRefused() throws IOException {
        Path empty = file("empty.txt", new byte[0]);
        assertEquals(empty + ": empty: a text of examples has one example per line",
                assertThrows(DataException.class, () -> TextLines.read(empty)).getMessage());
        Path blank = file("blank.txt", "\n\r\n\n");
        assertEquals(blank + ": no characters, only 3 empty lines: a text of examples has one example per line",
                assertThrows(DataException.class, () -> TextLines.read(blank)).getMessage());
        assertEquals("one: no characters, only 1 empty line: a text of examples has one example per line",
                assertThrows(DataException.class, () -> TextLines.of("one", "\n")).getMessage());
    }

    @Test
    void aMissingFile_isNamed() {
        Path f = tmp.resolve("nope.txt");
        assertEquals(f + ": no such file", assertThrows(DataException.class, () -> TextLines.read(f)).getMessage());
        DataException dir = assertThrows(DataException.class, () -> TextLines.read(tmp));
        assertEquals(true, dir.getMessage().startsWith(tmp + ": cannot be read: "), dir.getMessage());
    }
}

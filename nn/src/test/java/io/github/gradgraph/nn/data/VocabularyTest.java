package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The characters' order and ids, the stored form a checkpoint keeps, and the messages of a missing character. */
class VocabularyTest {
    @Test
    void of_lowercaseNames_isTheCoursesCharToIx() {
        assertEquals("\nabz", Vocabulary.of("zab\nba\n").text());
        Vocabulary all = Vocabulary.of("abcdefghijklmnopqrstuvwxyz");
        assertEquals(27, all.size());
        assertEquals(0, all.newline());
        assertEquals('\n', all.codePoint(0));
        for (char c = 'a'; c <= 'z'; c++) {
            assertEquals(c - 'a' + 1, all.id(c), "id of " + c);
            assertEquals(c, all.codePoint(c - 'a' + 1));
        }
    }

    @Test
    void of_alwaysHoldsTheLineEnd_evenWhenTheTextHasNone() {
        Vocabulary v = Vocabulary.of("ba");
        assertEquals("\nab", v.text());
        assertEquals(0, v.newline());
    }

    @Test
    void order_isByCodePoint_aNonBmpCharacterIsOneToken() {
        String grin = new String(Character.toChars(0x1F600)); // a surrogate pair in UTF-16
        String note = new String(Character.toChars(0x1D11E));
        Vocabulary v = Vocabulary.of("é" + grin + "A" + note + " \t~" + grin);
        // U+0009 < U+000A < ' ' < 'A' < '~' < 'é' < U+1D11E < U+1F600
        assertArrayEquals(new int[] {'\t', '\n', ' ', 'A', '~', 'é', 0x1D11E, 0x1F600}, v.codePoints());
        assertEquals(8, v.size());
        assertEquals(1, v.newline());
        assertEquals(7, v.id(0x1F600));
        assertEquals(6, v.id(0x1D11E));
        assertArrayEquals(new int[] {7, 3, 1}, v.encode(grin + "A\n"));
        assertEquals(grin + "A\n", v.decode(7, 3, 1));
    }

    @Test
    void decode_skipsNoToken_andInvertsEncode() {
        Vocabulary v = Vocabulary.of("hello world");
        String s = "low\nrow";
        assertEquals(s, v.decode(v.encode(s)));
        int[] ids = v.encode("he");
        assertEquals("he", v.decode(Vocabulary.NO_TOKEN, ids[0], Vocabulary.NO_TOKEN, ids[1]));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> v.decode(v.size()));
        assertEquals("token id 9 outside the vocabulary's 0..8", e.getMessage());
    }

    @Test
    void id_ofAMissingCharacter_namesIt() {
        Vocabulary v = Vocabulary.of("abcdefghijklmnopqrstuvwxyz");
        assertEquals("'Q' (U+0051) is not in the vocabulary of 27 characters",
                assertThrows(DataException.class, () -> v.id('Q')).getMessage());
        assertEquals("'\\r' (U+000D) is not in the vocabulary of 27 characters",
                assertThrows(DataException.class, () -> v.id('\r')).getMessage());
        assertEquals("'\uD83D\uDE00' (U+1F600) is not in the vocabulary of 27 characters",
                assertThrows(DataException.class, () -> v.encode("ab\uD83D\uDE00")).getMessage());
        assertFalse(v.contains('Q'));
        assertTrue(v.contains('q'));
    }

    @Test
    void storedForm_textAndCodePoints_giveTheSameVocabulary() {
        Vocabulary v = Vocabulary.of("naïve " + new String(Character.toChars(0x10400)) + " café");
        assertEquals(v, Vocabulary.of(v.text()));
        assertEquals(v, Vocabulary.ofCodePoints(v.codePoints()));
        assertEquals(v.hashCode(), Vocabulary.ofCodePoints(v.codePoints()).hashCode());
        assertEquals(v.size(), v.text().codePointCount(0, v.text().length()));
    }

    @Test
    void ofCodePoints_refusesWhatThisClassNeverStores() {
        assertEquals("vocabulary entry 2 'a' (U+0061) does not follow entry 1 'b' (U+0062): a vocabulary is in "
                + "increasing code-point order without repeats",
                assertThrows(DataException.class, () -> Vocabulary.ofCodePoints('\n', 'b', 'a')).getMessage());
        assertThrows(DataException.class, () -> Vocabulary.ofCodePoints('\n', 'a', 'a'));
        assertEquals("the vocabulary of 2 characters lacks the line end '\\n' (U+000A), which every example "
                + "predicts last", assertThrows(DataException.class, () -> Vocabulary.ofCodePoints('a', 'b'))
                .getMessage());
        assertEquals("vocabulary entry 1 is 1114112, not a Unicode code point",
                assertThrows(DataException.class, () -> Vocabulary.ofCodePoints('\n', 0x110000)).getMessage());
    }

    @Test
    void toString_showsTheCount() {
        assertEquals("4 characters \"\\nabc\"", Vocabulary.of("cab").toString());
    }
}

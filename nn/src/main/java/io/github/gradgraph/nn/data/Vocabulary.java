package io.github.gradgraph.nn.data;

import java.util.Arrays;

/**
 * The characters of a character-level language model and their token ids: the distinct Unicode code points of a text
 * (not UTF-16 chars, so a character outside the Basic Multilingual Plane is one token) with the line end {@code \n}
 * always among them, in code-point order; a character's id is its index in that order. For a file of lowercase names
 * it is {@code \n}, a…z: 27 ids, {@code \n} = 0, a = 1, …, z = 26, the classic course's {@code char_to_ix}.
 *
 * <p>The id {@value #NO_TOKEN} means "no token": the zero vector an example reads first, and the padding of a batch;
 * {@link #decode} skips it. Immutable.
 */
public final class Vocabulary {
    /** The id of no token: a zero input vector, or a padded position with no target. */
    public static final int NO_TOKEN = -1;

    private final int[] codePoints; // strictly increasing, holds '\n'

    private Vocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    /**
     * @param text any text, e.g. a whole file's
     * @return its distinct code points and {@code \n}, in code-point order
     */
    public static Vocabulary of(CharSequence text) {
        return new Vocabulary(text.codePoints().sorted().distinct().toArray()).withNewline();
    }

    /**
     * The inverse of {@link #text()} and {@link #codePoints()}, as a checkpoint stores a vocabulary.
     *
     * @param codePoints the characters in strictly increasing code-point order, {@code \n} among them (Not modified.)
     * @throws DataException when they are out of order, repeated, not code points, or lack {@code \n}: a stored
     *     vocabulary that is not one this class wrote
     */
    public static Vocabulary ofCodePoints(int... codePoints) {
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (c < 0 || c > Character.MAX_CODE_POINT) {
                throw new DataException("vocabulary entry " + i + " is " + c + ", not a Unicode code point");
            }
            if (i > 0 && c <= codePoints[i - 1]) {
                throw new DataException("vocabulary entry " + i + " " + describe(c) + " does not follow entry "
                        + (i - 1) + " " + describe(codePoints[i - 1]) + ": a vocabulary is in increasing code-point "
                        + "order without repeats");
            }
        }
        if (Arrays.binarySearch(codePoints, '\n') < 0) {
            throw new DataException("the vocabulary of " + codePoints.length + " characters lacks the line end '\\n'"
                    + " (U+000A), which every example predicts last");
        }
        return new Vocabulary(codePoints.clone());
    }

    private Vocabulary withNewline() {
        if (Arrays.binarySearch(codePoints, '\n') >= 0) {
            return this;
        }
        int[] c = Arrays.copyOf(codePoints, codePoints.length + 1);
        c[c.length - 1] = '\n';
        Arrays.sort(c);
        return new Vocabulary(c);
    }

    /** @return the number of characters, the size of a one-hot input */
    public int size() {
        return codePoints.length;
    }

    /** @return whether {@code codePoint} has an id */
    public boolean contains(int codePoint) {
        return Arrays.binarySearch(codePoints, codePoint) >= 0;
    }

    /**
     * @return the id of {@code codePoint}
     * @throws DataException naming the character when it has none, e.g. {@code 'Q' (U+0051) is not in the vocabulary
     *     of 27 characters}
     */
    public int id(int codePoint) {
        int i = Arrays.binarySearch(codePoints, codePoint);
        if (i < 0) {
            throw new DataException(describe(codePoint) + " is not in the vocabulary of " + size() + " characters");
        }
        return i;
    }

    /**
     * @return the character of {@code id}
     * @throws IndexOutOfBoundsException when it is not 0 ≤ id &lt; {@link #size()}
     */
    public int codePoint(int id) {
        if (id < 0 || id >= codePoints.length) {
            throw new IndexOutOfBoundsException("token id " + id + " outside the vocabulary's 0.." + (size() - 1));
        }
        return codePoints[id];
    }

    /** @return the id of the line end {@code \n}, the last target of every example */
    public int newline() {
        return Arrays.binarySearch(codePoints, '\n');
    }

    /** @return the ids of {@code codePoints}, in order (Not modified.); throws as {@link #id} does */
    public int[] encode(int... codePoints) {
        int[] ids = new int[codePoints.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(codePoints[i]);
        }
        return ids;
    }

    /** @return the ids of the code points of {@code text}; throws as {@link #id} does */
    public int[] encode(CharSequence text) {
        return encode(text.codePoints().toArray());
    }

    /**
     * @param ids token ids (Not modified.); {@value #NO_TOKEN} is skipped
     * @return the characters they stand for, {@code \n} included where its id is
     * @throws IndexOutOfBoundsException for any other id outside the vocabulary
     */
    public String decode(int... ids) {
        StringBuilder s = new StringBuilder(ids.length);
        for (int id : ids) {
            if (id != NO_TOKEN) {
                s.appendCodePoint(codePoint(id));
            }
        }
        return s.toString();
    }

    /** @return the characters in id order, as a checkpoint stores them; {@link #of} of it is this vocabulary */
    public String text() {
        return new String(codePoints, 0, codePoints.length);
    }

    /** @return the characters' code points in id order (a copy) */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /** @return e.g. {@code 'Q' (U+0051)}, {@code '\n' (U+000A)}: a character as messages name it */
    public static String describe(int codePoint) {
        String shown = switch (codePoint) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isValidCodePoint(codePoint) && !Character.isISOControl(codePoint)
                    && (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) ? Character.toString(codePoint) : "";
        };
        return (shown.isEmpty() ? "" : "'" + shown + "' ") + String.format("(U+%04X)", codePoint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    /** @return e.g. {@code 27 characters "\na…z"} (the first and last few) */
    @Override
    public String toString() {
        String t = text().replace("\n", "\\n");
        if (t.codePointCount(0, t.length()) > 40) {
            t = t.substring(0, t.offsetByCodePoints(0, 20)) + "…"
                    + t.substring(t.offsetByCodePoints(t.length(), -10));
        }
        return size() + " characters \"" + t + "\"";
    }
}

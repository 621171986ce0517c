package io.github.gradgraph.notebook.svg;

/**
 * The width of a line of sans-serif text, estimated from the font size and a few classes of characters (Helvetica's
 * advance widths, rounded), so that a layout needs no font metrics, no AWT and no display: boxes come out a little
 * wide rather than too narrow.
 */
final class TextWidth {
    private TextWidth() {
    }

    /** @return the estimated width in pixels of {@code s} at {@code fontSize} pixels */
    static double of(String s, double fontSize) {
        double em = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            em += advance(c);
        }
        return em * fontSize;
    }

    private static double advance(int c) {
        if (Character.getType(c) == Character.NON_SPACING_MARK) {
            return 0;
        }
        if ("ijlI.,:;|!'`".indexOf(c) >= 0) {
            return 0.28;
        }
        if (" ()[]{}ftr/\\-".indexOf(c) >= 0) {
            return 0.36;
        }
        if ("mwMW@%".indexOf(c) >= 0) {
            return 0.86;
        }
        if (c >= 'A' && c <= 'Z') {
            return 0.68;
        }
        if (c < 128) {
            return 0.56;
        }
        return 0.62; // ×, σ, ᵀ, ·: a generous average
    }
}

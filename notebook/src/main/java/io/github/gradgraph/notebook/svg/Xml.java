package io.github.gradgraph.notebook.svg;

import java.util.Locale;

/** Text safe inside XML and HTML, and numbers written the same on every machine. */
public final class Xml {
    private Xml() {
    }

    /** @return {@code s} with {@code & < > " '} as entities, fit for element text and quoted attributes */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * @return {@code v} to one decimal, without a trailing {@code .0} and never {@code -0}: the same text for the
     *     same layout whatever the default locale
     */
    static String number(double v) {
        double r = Math.round(v * 10) / 10.0;
        if (r == 0) {
            return "0";
        }
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}

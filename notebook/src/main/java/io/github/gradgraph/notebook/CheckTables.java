package io.github.gradgraph.notebook;

import static io.github.gradgraph.notebook.svg.Xml.escape;

import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.PrimitiveCheckReport;
import io.github.gradgraph.graph.check.VariableCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gradient-check reports as HTML tables, one row per variable (or per order and operand), the numbers in the
 * report's own format and the result in a coloured cell; the text is the report's own {@code table()}. Every piece of
 * text is escaped: variable names and problems are the user's.
 */
final class CheckTables {
    private static final String PASS = "#d9f2d9";
    private static final String FAIL = "#f8d0d0";
    private static final String UNCHECKED = "#eeeeee";

    private CheckTables() {
    }

    static Rich of(GradCheckReport r) {
        StringBuilder sb = open("gradient check " + (r.passed() ? "passed" : "FAILED"), r.passed(),
                List.of("variable", "shape", "rel. difference", "max |g−ĝ|", "allclose", "checked", "kinks",
                        "result"));
        for (VariableCheck v : r.variables()) {
            row(sb, List.of(v.name(), v.shape(), sci(v.relativeDifference()), sci(v.maxAbsError()),
                    v.allclose() ? "yes" : "no", Integer.toString(v.checked()), Integer.toString(v.kinks())),
                    v.result());
        }
        String foot = String.format(Locale.ROOT, "central differences, eps %.0e; pass: relative difference &lt; "
                + "%.0e, or allclose (rtol %.0e, atol %.0e)", r.eps(), r.relTolerance(), r.rtol(), r.atol());
        if (!r.notChecked().isEmpty()) {
            foot += "<br/>not checked: " + escape(String.join(", ", r.notChecked()))
                    + " (every entry within eps of a kink)";
        }
        return close(sb, foot, r.table());
    }

    static Rich of(PrimitiveCheckReport r) {
        StringBuilder sb = open("primitive check of " + r.primitive() + " " + (r.passed() ? "passed" : "FAILED"),
                r.passed(), List.of("order", "operand", "worst rel. diff", "max |g−ĝ|", "checked", "kinks",
                        "failed", "result"));
        for (PrimitiveCheckReport.Row row : r.rows()) {
            row(sb, List.of(Integer.toString(row.order()), Integer.toString(row.operand()),
                    sci(row.worstRelative()), sci(row.worstAbsError()), Integer.toString(row.checked()),
                    Integer.toString(row.kinks()), row.failedTrials() + "/" + r.trials()), row.result());
        }
        StringBuilder foot = new StringBuilder(String.format(Locale.ROOT,
                "%d random points, seed %d; VJP against central differences", r.trials(), r.seed()));
        for (String p : r.problems()) {
            foot.append("<br/><b>problem:</b> ").append(escape(p));
        }
        return close(sb, foot.toString(), r.table());
    }

    private static StringBuilder open(String caption, boolean passed, List<String> headers) {
        StringBuilder sb = new StringBuilder("<table class=\"gradgraph-check\">\n<caption style=\"caption-side: top; "
                + "text-align: left; font-weight: bold; color: " + (passed ? "#1b7a1b" : "#b00020") + "\">")
                .append(escape(caption)).append("</caption>\n<thead><tr>");
        for (String h : headers) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        return sb.append("</tr></thead>\n<tbody>\n");
    }

    private static void row(StringBuilder sb, List<String> cells, String result) {
        sb.append("<tr>");
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "<td style=\"text-align: left\">" : "<td style=\"text-align: right\">")
                    .append(escape(cells.get(i))).append("</td>");
        }
        String color = result.equals("pass") ? PASS : result.equals("FAIL") ? FAIL : UNCHECKED;
        sb.append("<td class=\"result\" style=\"background: ").append(color).append("\">").append(escape(result))
                .append("</td></tr>\n");
    }

    private static Rich close(StringBuilder sb, String footHtml, String plain) {
        sb.append("</tbody>\n</table>\n<div style=\"font-size: smaller\">").append(footHtml).append("</div>\n");
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Rich.HTML, sb.toString());
        m.put(Rich.PLAIN, plain);
        return new Rich(m);
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }
}

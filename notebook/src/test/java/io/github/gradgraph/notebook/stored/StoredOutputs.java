package io.github.gradgraph.notebook.stored;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stored, executed notebook shows, in the form two runs are compared in: per code cell, its outputs in order,
 * each with its kind, its MIME types, and its text. Text is compared (stdout and stderr, {@code text/plain},
 * {@code text/latex}, {@code text/html}); pictures ({@code image/png}, {@code image/svg+xml}, and HTML that is only an
 * image of one) by their presence, since their bytes follow the fonts of the machine that drew them.
 */
record StoredOutputs(String name, List<Cell> cells) {
    static final List<String> TEXT_TYPES = List.of("text/plain", "text/latex", "text/html", "text/markdown");
    /** HTML that is a picture (an SVG as an image), compared as pictures are */
    static final String PICTURE_AS_HTML = "<img src=\"data:image/";

    /** One code cell: its source's first line (to name it) and its outputs. */
    record Cell(int index, String firstLine, List<Output> outputs) {
    }

    /** One output: {@code stream:stdout}, {@code display_data}, {@code execute_result} or {@code error}. */
    record Output(String kind, Map<String, String> text, List<String> mimeTypes) {
    }

    static StoredOutputs read(Path notebook) throws IOException {
        JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
        List<Cell> cells = new ArrayList<>();
        int index = 0;
        for (JsonNode c : nb.path("cells")) {
            if (!c.path("cell_type").asText().equals("code")) {
                index++;
                continue;
            }
            List<Output> outs = new ArrayList<>();
            for (JsonNode o : c.path("outputs")) {
                String type = o.path("output_type").asText();
                Map<String, String> text = new TreeMap<>();
                List<String> mimes = new ArrayList<>();
                switch (type) {
                    case "stream" -> {
                        type = "stream:" + o.path("name").asText();
                        text.put("text", joined(o.path("text")));
                    }
                    case "error" -> text.put("error", o.path("ename").asText() + ": " + o.path("evalue").asText());
                    default -> {
                        for (Iterator<String> it = o.path("data").fieldNames(); it.hasNext(); ) {
                            String mime = it.next();
                            mimes.add(mime);
                            String value = joined(o.path("data").path(mime));
                            if (TEXT_TYPES.contains(mime) && !value.startsWith(PICTURE_AS_HTML)) {
                                text.put(mime, value);
                            }
                        }
                        mimes.sort(null);
                        type = "display"; // execute_result and display_data show alike
                    }
                }
                outs.add(new Output(type, text, mimes));
            }
            cells.add(new Cell(index++, firstLine(joined(c.path("source"))), merged(outs)));
        }
        return new StoredOutputs(notebook.getFileName().toString(), cells);
    }

    /** Consecutive pieces of one stream are one text, however the kernel flushed them. */
    private static List<Output> merged(List<Output> outs) {
        List<Output> m = new ArrayList<>();
        for (Output o : outs) {
            Output last = m.isEmpty() ? null : m.get(m.size() - 1);
            if (last != null && o.kind().startsWith("stream:") && last.kind().equals(o.kind())) {
                m.set(m.size() - 1, new Output(o.kind(), Map.of("text", last.text().get("text") + o.text().get("text")),
                        List.of()));
            } else {
                m.add(o);
            }
        }
        return m;
    }

    private static String joined(JsonNode text) {
        if (text.isArray()) {
            StringBuilder b = new StringBuilder();
            text.forEach(t -> b.append(t.asText()));
            return b.toString();
        }
        return text.asText();
    }

    private static String firstLine(String source) {
        int nl = source.indexOf('\n');
        return nl < 0 ? source : source.substring(0, nl);
    }

    /** @return every code cell whose error output it has, as lines naming the cell */
    List<String> errors() {
        List<String> e = new ArrayList<>();
        for (Cell c : cells) {
            for (Output o : c.outputs()) {
                if (o.kind().equals("error")) {
                    e.add(name + " cell " + c.index() + " (" + c.firstLine() + "): " + o.text().get("error"));
                }
            }
        }
        return e;
    }

    /** @return the MIME types this notebook's outputs carry */
    List<String> mimeTypes() {
        List<String> all = new ArrayList<>();
        cells.forEach(c -> c.outputs().forEach(o -> o.mimeTypes().stream().filter(m -> !all.contains(m))
                .forEach(all::add)));
        return all;
    }

    /**
     * @return how {@code fresh} (this notebook executed again) differs from this stored one, a line per difference
     *     naming the cell; empty when they agree
     */
    List<String> differences(StoredOutputs fresh) {
        List<String> d = new ArrayList<>();
        if (fresh.cells.size() != cells.size()) {
            d.add(name + ": " + cells.size() + " code cells stored, " + fresh.cells.size() + " executed");
            return d;
        }
        for (int i = 0; i < cells.size(); i++) {
            Cell s = cells.get(i), f = fresh.cells.get(i);
            String where = name + " cell " + s.index() + " (" + s.firstLine() + ")";
            if (s.outputs().size() != f.outputs().size()) {
                d.add(where + ": " + s.outputs().size() + " outputs stored, " + f.outputs().size() + " now");
                continue;
            }
            for (int k = 0; k < s.outputs().size(); k++) {
                Output so = s.outputs().get(k), fo = f.outputs().get(k);
                if (!so.kind().equals(fo.kind()) || !so.mimeTypes().equals(fo.mimeTypes())) {
                    d.add(where + " output " + k + ": stored " + so.kind() + " " + so.mimeTypes() + ", now "
                            + fo.kind() + " " + fo.mimeTypes());
                } else if (!so.text().equals(fo.text())) {
                    d.add(where + " output " + k + ": its text changed; stored " + abbreviated(so.text()) + ", now "
                            + abbreviated(fo.text()));
                }
            }
        }
        return d;
    }

    private static String abbreviated(Map<String, String> text) {
        String s = text.toString();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}

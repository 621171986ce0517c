package io.github.gradgraph.web.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The playground's one JSON mapper, and field readers whose errors name the field and what it must be. */
public final class Json {
    /** The deepest nesting a request body may have: the playground's requests are two levels deep. */
    public static final int MAX_DEPTH = 32;
    /** Thread-safe once configured; reads refuse bodies nested deeper than {@link #MAX_DEPTH}. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());

    private Json() {
    }

    /** @return a new empty object */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * @param body a request body
     * @return its JSON object (an empty body is an empty object)
     * @throws ApiException 400 when it is not a JSON object
     */
    public static JsonNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            return object();
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            String what = String.valueOf(e.getOriginalMessage()).contains("nesting")
                    ? "is nested deeper than " + MAX_DEPTH + " levels" : "holds a value longer than the server reads";
            throw ApiException.bad("the request body " + what);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiException.bad("the request body is not valid JSON: " + firstLine(e.getOriginalMessage())
                    + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column "
                            + at.getColumnNr() + ")"));
        }
        if (n == null || !n.isObject()) {
            throw ApiException.bad("the request body must be a JSON object, e.g. {\"hidden\": [8, 4]}");
        }
        return n;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** @return the text of a field, or {@code fallback} when it is absent or null */
    public static String text(JsonNode o, String field, String fallback) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw ApiException.bad("'" + field + "' must be a string, got " + n);
        }
        return n.asText();
    }

    /** @return a finite number field in [min, max], or {@code fallback} when absent */
    public static double number(JsonNode o, String field, double fallback, double min, double max) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        double v;
        if (n.isNumber()) {
            v = n.asDouble();
        } else if (n.isTextual()) { // "NaN", "Infinity": JSON has no such numbers, so clients send them as text
            try {
                v = Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                throw ApiException.bad("'" + field + "' must be a number, got " + n);
            }
        } else {
            throw ApiException.bad("'" + field + "' must be a number, got " + n);
        }
        if (!Double.isFinite(v) || v < min || v > max) {
            throw ApiException.bad("'" + field + "' must be a finite number in [" + plain(min) + ", " + plain(max)
                    + "], got " + n.asText());
        }
        return v;
    }

    /** @return an integer field in [min, max], or {@code fallback} when absent */
    public static int integer(JsonNode o, String field, int fallback, int min, int max) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        return integerValue(n, "'" + field + "'", min, max);
    }

    /** @return {@code n} as an integer in [min, max] */
    static int integerValue(JsonNode n, String what, int min, int max) {
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            throw ApiException.bad(what + " must be a whole number from " + min + " to " + max + ", got " + n);
        }
        return n.asInt();
    }

    /**
     * @return a text from a request as a message may quote it: control characters as '?', at most {@code max}
     *     characters (the last an ellipsis when cut)
     */
    public static String shown(String s, int max) {
        String t = String.valueOf(s).replaceAll("\\p{Cntrl}", "?");
        return t.length() > max ? t.substring(0, max - 1) + "…" : t;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

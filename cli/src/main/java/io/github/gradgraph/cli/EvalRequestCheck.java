package io.github.gradgraph.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;

/**
 * Strict validation of an {@code eval} request before anything is computed: every field's JSON type, and no unknown
 * fields (a misspelt one would otherwise be silently ignored). Each problem is one line naming the field.
 */
final class EvalRequestCheck {
    static final List<String> FIELDS = List.of("expr", "inputs", "wrt", "order", "direction");

    private EvalRequestCheck() {
    }

    /** @throws IllegalArgumentException naming the first field that is wrong, and how it should look */
    static void check(JsonNode req) {
        if (req == null || !req.isObject()) {
            throw new IllegalArgumentException("the request must be a JSON object, e.g. {\"expr\": \"J = sum(x**2)\"}");
        }
        for (Iterator<String> names = req.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"; the fields are "
                        + String.join(", ", FIELDS));
            }
        }
        JsonNode expr = req.get("expr");
        if (expr == null || !expr.isTextual()) {
            throw new IllegalArgumentException("\"expr\" must be a formula as a string, e.g. \"J = sum(x**2)\"");
        }
        requireObject(req, "inputs", "{\"x\": [[1, 2]]}");
        requireObject(req, "direction", "{\"x\": [[1, 0]]}");
        JsonNode wrt = req.get("wrt");
        if (wrt != null) {
            if (!wrt.isArray()) {
                throw new IllegalArgumentException("\"wrt\" must be a list of input names, e.g. [\"W\"], got " + wrt);
            }
            for (JsonNode w : wrt) {
                if (!w.isTextual()) {
                    throw new IllegalArgumentException("\"wrt\" must hold input names as strings, got " + w);
                }
            }
        }
        JsonNode order = req.get("order");
        if (order != null && !(order.isIntegralNumber() && (order.asInt() == 1 || order.asInt() == 2))) {
            throw new IllegalArgumentException("\"order\" must be 1 or 2, got " + order);
        }
    }

    private static void requireObject(JsonNode req, String field, String example) {
        JsonNode v = req.get(field);
        if (v != null && !v.isObject()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an object of named matrices, e.g. " + example
                    + ", got " + v);
        }
    }
}

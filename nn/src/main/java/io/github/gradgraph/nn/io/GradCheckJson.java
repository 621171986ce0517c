package io.github.gradgraph.nn.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.VariableCheck;

/**
 * A gradient check as JSON — what {@code gradgraph gradcheck --json} prints and the playground shows: {@code passed},
 * {@code max_relative_difference}, {@code eps} and per parameter {@code name, shape, relative_difference,
 * max_abs_error, allclose, checked, kinks, passed, result}.
 */
public final class GradCheckJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GradCheckJson() {
    }

    /** @return a new object holding the report; not modified afterwards by this class */
    public static ObjectNode of(GradCheckReport report) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("passed", report.passed());
        o.put("max_relative_difference", report.maxRelativeDifference());
        o.put("eps", report.eps());
        ArrayNode vars = o.putArray("parameters");
        for (VariableCheck v : report.variables()) {
            ObjectNode p = vars.addObject();
            p.put("name", v.name());
            p.put("shape", v.shape());
            p.put("relative_difference", v.relativeDifference());
            p.put("max_abs_error", v.maxAbsError());
            p.put("allclose", v.allclose());
            p.put("checked", v.checked());
            p.put("kinks", v.kinks());
            p.put("passed", v.passed());
            p.put("result", v.result());
        }
        return o;
    }
}

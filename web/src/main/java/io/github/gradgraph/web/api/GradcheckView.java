package io.github.gradgraph.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.graph.check.VariableCheck;
import io.github.gradgraph.nn.data.Dataset;
import java.util.Map;

/**
 * The gradient-check panel's content: the initial network's derived dW[l], db[l] against central differences, as
 * {@code gradgraph train} checks them before training: on up to 256 training samples, up to 50 seeded random entries
 * of each parameter.
 */
public final class GradcheckView {
    private static final int MAX_SAMPLES = 256;
    private static final int ENTRIES = 50;

    private GradcheckView() {
    }

    /** @return {@code {passed, worst, eps, parameters: [{name, shape, relative_difference, checked, kinks, result}]}} */
    public static ObjectNode of(Setup setup) {
        Dataset data = setup.train();
        if (data.size() > MAX_SAMPLES) {
            int[] first = new int[MAX_SAMPLES];
            for (int i = 0; i < first.length; i++) {
                first[i] = i;
            }
            data = data.select(first);
        }
        GradCheckReport r = GradientChecker.defaults().withSampledEntries(ENTRIES, setup.config().seed()).check(
                setup.network().loss(), setup.network().parameters(),
                Map.of("X", data.x(), "Y", data.targets(setup.outputs())), setup.initial());
        ObjectNode o = Json.object();
        o.put("passed", r.passed());
        o.put("worst", r.maxRelativeDifference());
        o.put("eps", r.eps());
        o.put("samples", data.size());
        o.put("table", r.table());
        ArrayNode vars = o.putArray("parameters");
        for (VariableCheck v : r.variables()) {
            ObjectNode p = vars.addObject();
            p.put("name", v.name());
            p.put("shape", v.shape());
            p.put("relative_difference", v.relativeDifference());
            p.put("max_abs_error", v.maxAbsError());
            p.put("checked", v.checked());
            p.put("kinks", v.kinks());
            p.put("passed", v.passed());
            p.put("result", v.result());
        }
        return o;
    }
}

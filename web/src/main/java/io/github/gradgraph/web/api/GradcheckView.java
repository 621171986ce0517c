package io.github.gradgraph.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.io.GradCheckJson;
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

    /** @return the report as {@link GradCheckJson} writes it, with the {@code samples} checked on and the {@code table} */
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
        ObjectNode o = GradCheckJson.of(r);
        o.put("samples", data.size());
        o.put("table", r.table());
        return o;
    }
}

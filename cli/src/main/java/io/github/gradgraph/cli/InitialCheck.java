package io.github.gradgraph.cli;

import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.nn.data.Dataset;
import java.util.Map;

/**
 * The gradient check of an experiment's starting network, on up to 256 training samples; optionally on a seeded
 * random sample of each parameter's entries, so that a network with 10⁵ weights is checked in seconds.
 */
final class InitialCheck {
    private static final int MAX_SAMPLES = 256;

    private InitialCheck() {
    }

    /** @param maxEntries entries checked per parameter, 0 for all */
    static GradCheckReport run(Experiment e, double eps, int maxEntries) {
        Dataset data = e.train;
        if (data.size() > MAX_SAMPLES) {
            int[] first = new int[MAX_SAMPLES];
            for (int i = 0; i < first.length; i++) {
                first[i] = i;
            }
            data = data.select(first);
        }
        int outputs = e.network.spec().outputs();
        return GradientChecker.defaults().withEps(eps).withSampledEntries(maxEntries, e.seed).check(e.network.loss(), e.network.parameters(),
                Map.of("X", data.x(), "Y", data.targets(outputs)), e.params);
    }
}

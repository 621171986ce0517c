package io.github.gradgraph.cli;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.Network;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** The random batch {@code bench --seq-len} times a sequence model on: token ids in and out, zero starting states. */
final class SequenceBench {
    private SequenceBench() {
    }

    static Map<String, DMatrixRMaj> feeds(Network net, int batch, Random r) {
        int steps = net.sequence().steps();
        DMatrixRMaj x = new DMatrixRMaj(steps, batch);
        DMatrixRMaj y = new DMatrixRMaj(steps, batch);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = r.nextInt(net.spec().input().size());
            y.data[i] = r.nextInt(net.spec().outputs());
        }
        Map<String, DMatrixRMaj> feeds = new HashMap<>(Map.of("X", x, "Y", y));
        for (Node s : net.stateInputs()) {
            feeds.put(s.label(), new DMatrixRMaj(s.shape().rows().size(), batch));
        }
        return feeds;
    }
}

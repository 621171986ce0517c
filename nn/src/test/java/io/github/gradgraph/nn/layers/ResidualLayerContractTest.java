package io.github.gradgraph.nn.layers;

import io.github.gradgraph.client.Residual;
import io.github.gradgraph.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/** The README's layer of one's own, found on the classpath as a service, under the built-in kinds' contract. */
class ResidualLayerContractTest extends LayerContract {
    @Override
    String network() {
        return "3, 4 tanh, residual tanh, 1 sigmoid";
    }

    @Override
    Layer layer() {
        return new Residual(Activation.TANH);
    }

    @Override
    Map<String, int[]> stored() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("W1", new int[] {4, 3});
        m.put("b1", new int[] {4, 1});
        m.put("Wr2", new int[] {4, 4});
        m.put("br2", new int[] {4, 1});
        m.put("W2", new int[] {1, 4});
        m.put("b2", new int[] {1, 1});
        return m;
    }
}

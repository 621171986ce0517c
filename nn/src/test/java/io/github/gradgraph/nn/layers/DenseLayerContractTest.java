package io.github.gradgraph.nn.layers;

import io.github.gradgraph.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

class DenseLayerContractTest extends LayerContract {
    @Override
    String network() {
        return "3, 4 gelu, 2 softmax";
    }

    @Override
    Layer layer() {
        return new DenseLayer(4, Activation.GELU);
    }

    @Override
    Map<String, int[]> stored() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("W1", new int[] {4, 3});
        m.put("b1", new int[] {4, 1});
        m.put("W2", new int[] {2, 4});
        m.put("b2", new int[] {2, 1});
        return m;
    }
}

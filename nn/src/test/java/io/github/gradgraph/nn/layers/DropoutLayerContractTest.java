package io.github.gradgraph.nn.layers;

import java.util.LinkedHashMap;
import java.util.Map;

class DropoutLayerContractTest extends LayerContract {
    @Override
    String network() {
        return "3, 5 tanh, dropout0.3, 4 silu, dropout0.5, 1 sigmoid";
    }

    @Override
    Layer layer() {
        return new DropoutLayer(0.3);
    }

    @Override
    Map<String, int[]> stored() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("W1", new int[] {5, 3});
        m.put("b1", new int[] {5, 1});
        m.put("W2", new int[] {4, 5});
        m.put("b2", new int[] {4, 1});
        m.put("W3", new int[] {1, 4});
        m.put("b3", new int[] {1, 1});
        return m;
    }
}

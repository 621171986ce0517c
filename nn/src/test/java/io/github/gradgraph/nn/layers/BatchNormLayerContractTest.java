package io.github.gradgraph.nn.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class BatchNormLayerContractTest extends LayerContract {
    @Override
    String network() {
        return "3, 5 tanh, bn, 1 sigmoid";
    }

    @Override
    Layer layer() {
        return new BatchNormLayer();
    }

    @Override
    Map<String, int[]> stored() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("W1", new int[] {5, 3});
        m.put("gamma1", new int[] {5, 1});
        m.put("beta1", new int[] {5, 1});
        m.put("W2", new int[] {1, 5});
        m.put("b2", new int[] {1, 1});
        m.put("running_mean1", new int[] {5, 1});
        m.put("running_var1", new int[] {5, 1});
        return m;
    }

    @Override
    String refused() {
        return "3, 5 tanh, dropout0.5, bn, 1";
    }

    @Override
    List<String> refusal() {
        return List.of("layer 3 'bn'", "follows 'dropout0.5'");
    }
}

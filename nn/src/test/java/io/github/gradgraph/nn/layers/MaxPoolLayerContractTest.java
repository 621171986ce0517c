package io.github.gradgraph.nn.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class MaxPoolLayerContractTest extends LayerContract {
    @Override
    String network() {
        return "4x5x2, conv3x3x2 pad1, maxpool2, 2 softmax";
    }

    @Override
    Layer layer() {
        return new PoolLayer(true, 2, 2, 0);
    }

    @Override
    Map<String, int[]> stored() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("W1", new int[] {2, 18});
        m.put("b1", new int[] {2, 1});
        m.put("W2", new int[] {2, 8});
        m.put("b2", new int[] {2, 1});
        return m;
    }

    @Override
    String refused() {
        return "6, maxpool2, 2 softmax";
    }

    @Override
    List<String> refusal() {
        return List.of("layer 1 'maxpool2'", "max pooling needs an image", "a vector of 6");
    }

    @Override
    boolean smooth() {
        return false;
    }
}

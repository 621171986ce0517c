package io.github.gradgraph.nn.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class AvgPoolLayerContractTest extends LayerContract {
    @Override
    String network() {
        return "5x4x2, conv3x3x2 same, avgpool2 same, 2 softmax";
    }

    @Override
    Layer layer() {
        return new PoolLayer(false, 2, 2, ConvLayer.SAME);
    }

    @Override
    Map<String, int[]> stored() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("W1", new int[] {2, 18});
        m.put("b1", new int[] {2, 1});
        m.put("W2", new int[] {2, 12});
        m.put("b2", new int[] {2, 1});
        return m;
    }

    @Override
    String refused() {
        return "3x3x1, avgpool4, 2 softmax";
    }

    @Override
    List<String> refusal() {
        return List.of("layer 1 'avgpool4'", "4×4 window does not fit in a 3×3 image");
    }
}

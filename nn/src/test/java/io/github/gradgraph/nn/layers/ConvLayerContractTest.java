package io.github.gradgraph.nn.layers;

import io.github.gradgraph.nn.Activation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class ConvLayerContractTest extends LayerContract {
    @Override
    String network() {
        return "5x4x2, conv3x3x3 pad1 tanh, 2 softmax";
    }

    @Override
    Layer layer() {
        return new ConvLayer(3, 3, 1, 1, Activation.TANH);
    }

    @Override
    Map<String, int[]> stored() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("W1", new int[] {3, 18});
        m.put("b1", new int[] {3, 1});
        m.put("W2", new int[] {2, 60});
        m.put("b2", new int[] {2, 1});
        return m;
    }

    @Override
    String refused() {
        return "5x4x2, conv7x7x3 tanh, 2 softmax";
    }

    @Override
    List<String> refusal() {
        return List.of("layer 1 'conv7x7x3 tanh'", "5×4×2 (40)", "7×7 window does not fit in a 5×4 image");
    }
}

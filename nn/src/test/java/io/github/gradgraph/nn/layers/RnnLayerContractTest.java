package io.github.gradgraph.nn.layers;

import java.util.LinkedHashMap;
import java.util.Map;

class RnnLayerContractTest extends SequenceLayerContract {
    @Override
    RecurrentLayer layer() {
        return new RnnLayer(5);
    }

    @Override
    Map<String, int[]> parameters() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("Wax", new int[] {5, V});
        m.put("Waa", new int[] {5, 5});
        m.put("b", new int[] {5, 1});
        m.put("Wya", new int[] {V, 5});
        m.put("by", new int[] {V, 1});
        return m;
    }
}

package io.github.gradgraph.nn.layers;

import java.util.LinkedHashMap;
import java.util.Map;

class LstmLayerContractTest extends SequenceLayerContract {
    @Override
    RecurrentLayer layer() {
        return new LstmLayer(3);
    }

    @Override
    Map<String, int[]> parameters() {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (String gate : new String[] {"f", "i", "c", "o"}) {
            m.put("W" + gate, new int[] {3, 3 + V});
            m.put("b" + gate, new int[] {3, 1});
        }
        m.put("Wy", new int[] {V, 3});
        m.put("by", new int[] {V, 1});
        return m;
    }
}

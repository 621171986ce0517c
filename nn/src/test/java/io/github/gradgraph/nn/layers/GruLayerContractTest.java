package io.github.gradgraph.nn.layers;

import java.util.LinkedHashMap;
import java.util.Map;

class GruLayerContractTest extends SequenceLayerContract {
    @Override
    RecurrentLayer layer() {
        return new GruLayer(3);
    }

    @Override
    Map<String, int[]> parameters() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("Wr", new int[] {3, 3 + V});
        m.put("br", new int[] {3, 1});
        m.put("Wz", new int[] {3, 3 + V});
        m.put("bz", new int[] {3, 1});
        m.put("Wnx", new int[] {3, V});
        m.put("bnx", new int[] {3, 1});
        m.put("Wna", new int[] {3, 3});
        m.put("bna", new int[] {3, 1});
        m.put("Wy", new int[] {V, 3});
        m.put("by", new int[] {V, 1});
        return m;
    }
}

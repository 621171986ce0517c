package io.github.gradgraph.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every kind of layer the text knows has its contract test: adding a kind without one fails here. */
class LayerKindTableTest {
    /** grammar → the contract test of that kind. */
    static final Map<String, Class<? extends LayerContract>> TABLE = Map.of(
            "a size", DenseLayerContractTest.class,
            "bn", BatchNormLayerContractTest.class,
            "dropoutP", DropoutLayerContractTest.class,
            "residual", ResidualLayerContractTest.class,
            "convFxFxN", ConvLayerContractTest.class,
            "maxpoolF", MaxPoolLayerContractTest.class,
            "avgpoolF", AvgPoolLayerContractTest.class);

    @Test
    void everyKind_hasAContractTest() throws Exception {
        Set<String> known = new TreeSet<>();
        LayerKinds.all().forEach(k -> known.add(k.grammar()));
        assertEquals(new TreeSet<>(TABLE.keySet()), known, "kinds without a contract test, or tests of no kind");
        for (Map.Entry<String, Class<? extends LayerContract>> e : TABLE.entrySet()) {
            LayerContract c = e.getValue().getDeclaredConstructor().newInstance();
            Layer parsed = null;
            for (LayerKind k : LayerKinds.all()) {
                if (k.grammar().equals(e.getKey())) {
                    parsed = k.parse(c.layer().text());
                }
            }
            assertEquals(c.layer(), parsed, e.getKey() + " reads the layer its contract test checks");
            assertTrue(c.spec().stack().contains(c.layer()));
        }
    }
}

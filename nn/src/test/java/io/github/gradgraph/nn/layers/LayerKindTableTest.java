package io.github.gradgraph.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every kind of layer the text knows has its contract test: adding a kind without one fails here. */
class LayerKindTableTest {
    /** grammar → the contract test of that kind. */
    static final Map<String, Class<?>> TABLE = Map.of(
            "a size", DenseLayerContractTest.class,
            "bn", BatchNormLayerContractTest.class,
            "dropoutP", DropoutLayerContractTest.class,
            "residual", ResidualLayerContractTest.class,
            "convFxFxN", ConvLayerContractTest.class,
            "maxpoolF", MaxPoolLayerContractTest.class,
            "avgpoolF", AvgPoolLayerContractTest.class,
            "rnnN, lstmN, gruN", RnnLayerContractTest.class);

    @Test
    void everyKind_hasAContractTest() throws Exception {
        Set<String> known = new TreeSet<>();
        LayerKinds.all().forEach(k -> known.add(k.grammar()));
        assertEquals(new TreeSet<>(TABLE.keySet()), known, "kinds without a contract test, or tests of no kind");
        for (Map.Entry<String, Class<?>> e : TABLE.entrySet()) {
            Object c = e.getValue().getDeclaredConstructor().newInstance();
            Layer layer = c instanceof LayerContract l ? l.layer() : ((SequenceLayerContract) c).layer();
            io.github.gradgraph.nn.NetworkSpec spec = c instanceof LayerContract l ? l.spec()
                    : ((SequenceLayerContract) c).spec();
            Layer parsed = null;
            for (LayerKind k : LayerKinds.all()) {
                if (k.grammar().equals(e.getKey())) {
                    parsed = k.parse(layer.text());
                }
            }
            assertEquals(layer, parsed, e.getKey() + " reads the layer its contract test checks");
            assertTrue(spec.stack().contains(layer));
        }
        // the recurrent kind reads three layers, each with its contract
        assertEquals(List.of(new RnnLayer(5), new LstmLayer(3), new GruLayer(3)), List.of(
                new RnnLayerContractTest().layer(), new LstmLayerContractTest().layer(),
                new GruLayerContractTest().layer()));
    }
}

package io.github.gradgraph.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting weights written by the safetensors package and by numpy (fixtures/make_fixtures.py). */
class InitialParametersTest {
    private static final Network NET = new Network(new NetworkSpec(new int[] {2, 3, 1}, Activation.TANH,
            Activation.SIGMOID, LossKind.BCE, 0));

    @TempDir
    Path tmp;

    /** The values make_fixtures.py wrote. */
    private static void assertFixtureValues(ParameterStore s, boolean float32) {
        DMatrixRMaj w1 = s.get(NET.weight(1));
        assertEquals(3, w1.numRows);
        assertEquals(2, w1.numCols);
        for (int i = 0; i < 6; i++) {
            double v = i / 8.0 - 0.25; // exact in float32 as well
            assertEquals(float32 ? (double) (float) v : v, w1.data[i], 0.0);
        }
        DMatrixRMaj b1 = s.get(NET.bias(1));
        assertEquals(3, b1.numRows);
        assertEquals(1, b1.numCols);
        assertEquals(List.of(0.125, -0.5, 0.75), List.of(b1.data[0], b1.data[1], b1.data[2]));
        assertEquals(List.of(0.5, -0.25, 1.0), List.of(s.get(NET.weight(2)).data[0], s.get(NET.weight(2)).data[1],
                s.get(NET.weight(2)).data[2]));
        assertEquals(-0.125, s.get(NET.bias(2)).data[0], 0.0);
    }

    @Test
    void safetensorsFromThePythonPackage_float32_vectorBiases() {
        assertFixtureValues(InitialParameters.load(Fixtures.file("weights_f32.safetensors"), NET), true);
    }

    @Test
    void numpyNpz_float64_columnBiases() {
        assertFixtureValues(InitialParameters.load(Fixtures.file("weights.npz"), NET), false);
    }

    @Test
    void gradgraphsOwnCheckpoint() {
        ParameterStore p = Initializer.XAVIER.initialize(NET, new ParameterStore(), 5);
        Path file = tmp.resolve("model.safetensors");
        Safetensors.save(new Checkpoint(NET.spec(), p, null, List.of("0", "1")), file);
        ParameterStore back = InitialParameters.load(file, NET);
        for (var n : NET.parameters()) {
            assertTrue(java.util.Arrays.equals(p.get(n).data, back.get(n).data), n.label());
        }
    }

    @Test
    void wrongMissingOrExtraTensors_areNamedWithBothShapes() {
        assertMessage("weights_wrong_shape.safetensors", "tensor W1 has shape [2, 3]", "[3, 2]", "transposed");
        assertMessage("weights_missing.safetensors", "no tensor b2", "W1, W2, b1"); // the writer sorts names
        assertMessage("weights_extra.safetensors", "tensor W3 is not a parameter", "W1, b1, W2, b2");
        assertMessage("data.npz", "tensor X is not a parameter");
        assertMessage("f8.npy", "f8.npy", "not a safetensors file");
    }

    private static void assertMessage(String fixture, String... parts) {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> InitialParameters.load(Fixtures.file(fixture), NET));
        assertTrue(e.getMessage().contains(fixture), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should contain '" + part + "'");
        }
    }
}

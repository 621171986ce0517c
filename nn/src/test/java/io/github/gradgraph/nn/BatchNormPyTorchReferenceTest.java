package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gradgraph's batch normalization against numbers PyTorch's {@code BatchNorm1d} produced (float64, ε = 1e-5,
 * momentum 0.1), not against gradgraph's own constants: the training output, the gradients of a fixed J with respect to
 * the input, γ and β, the running statistics after one training step (momentum and the unbiased batch variance), and
 * the inference output with them. The numbers come from {@code batchnorm_reference.py} next to the JSON; its header
 * says how to rerun it.
 *
 * <p>The network is 3 → 3 (batch-normalized, identity activation) → 3 (identity) with W1 = W2 = I and b2 = 0, so that
 * Z[1] is the input itself, A[1] is the batch norm's output and the inference output A[2] is batch norm's inference
 * output: every product with I and every sum with 0 is exact.
 */
class BatchNormPyTorchReferenceTest {
    /** Relative to each tensor's largest magnitude: far below what a different ε, momentum or variance would move. */
    private static final double TOLERANCE = 1e-12;

    private static JsonNode ref;
    private static final NetworkSpec SPEC = new NetworkSpec(new int[] {3, 3, 3}, Activation.IDENTITY,
            Activation.IDENTITY, LossKind.MSE, 0).withBatchNorm(true);

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = BatchNormPyTorchReferenceTest.class.getResourceAsStream("batchnorm_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
    }

    private static DMatrixRMaj matrix(String key) {
        JsonNode rows = ref.path(key);
        assertTrue(rows.isArray() && rows.size() > 0, key + " is missing from the reference");
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), rows.get(0).size());
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                m.set(i, j, rows.get(i).get(j).asDouble());
            }
        }
        return m;
    }

    /** @return a JSON vector as an n×1 column, as γ, β and the running statistics are */
    private static DMatrixRMaj column(String key) {
        JsonNode v = ref.path(key);
        assertTrue(v.isArray() && v.size() > 0, key + " is missing from the reference");
        DMatrixRMaj m = new DMatrixRMaj(v.size(), 1);
        for (int i = 0; i < v.size(); i++) {
            m.set(i, 0, v.get(i).asDouble());
        }
        return m;
    }

    private static int compared;

    private static void assertClose(DMatrixRMaj want, DMatrixRMaj got, String what) {
        assertEquals(want.numRows, got.numRows, what + " rows");
        assertEquals(want.numCols, got.numCols, what + " columns");
        double scale = CommonOps_DDRM.elementMaxAbs(want);
        for (int i = 0; i < want.numRows; i++) {
            for (int j = 0; j < want.numCols; j++) {
                assertEquals(want.get(i, j), got.get(i, j), TOLERANCE * scale, what + " at " + i + ", " + j
                        + " (PyTorch " + ref.path("torch").asText() + ")");
                compared++;
            }
        }
    }

    /** The network's values: W1 = W2 = I, b2 = 0, γ, β and the running statistics from the reference. */
    private static ParameterStore store(Network net, DMatrixRMaj runningMean, DMatrixRMaj runningVar) {
        ParameterStore p = new ParameterStore();
        p.set(net.weight(1), CommonOps_DDRM.identity(3));
        p.set(net.gamma(1), column("gamma"));
        p.set(net.beta(1), column("beta"));
        p.set(net.weight(2), CommonOps_DDRM.identity(3));
        p.set(net.bias(2), new DMatrixRMaj(3, 1));
        p.set(net.buffers().get(0), runningMean);
        p.set(net.buffers().get(1), runningVar);
        return p;
    }

    @Test
    void trainingForwardAndBackward_equalPyTorchs() {
        Network net = new Network(SPEC);
        ParameterStore p = store(net, column("running_mean"), column("running_var"));
        Node out = net.a(1); // Z̃[1] = γ ⊙ (Z[1] − μ)/√(σ² + ε) + β, Z[1] = I·X
        Node v = net.graph().input("V", 3, Dim.M); // the upstream weights of J, one column per sample
        Node j = Ops.add(Ops.sum(Ops.mul(v, out)), Ops.scale(Ops.sum(Ops.mul(out, out)), 0.5));
        List<Node> wanted = new ArrayList<>(List.of(out, j));
        wanted.addAll(Autodiff.gradients(j, net.input(), net.gamma(1), net.beta(1)));
        Values got = Compiler.compile(wanted).run(Map.of("X", matrix("x"), "V", matrix("v")), p);

        assertClose(matrix("train_out"), got.get(out), "training output");
        assertEquals(ref.path("loss").asDouble(), got.scalar(j), TOLERANCE * Math.abs(ref.path("loss").asDouble()),
                "J");
        assertClose(matrix("dx"), got.get(wanted.get(2)), "∂J/∂X");
        assertClose(column("dgamma"), got.get(wanted.get(3)), "∂J/∂γ");
        assertClose(column("dbeta"), got.get(wanted.get(4)), "∂J/∂β");
    }

    @Test
    void runningStatisticsAfterAStep_andInferenceWithThem_equalPyTorchs() {
        Network net = new Network(SPEC);
        ParameterStore p = store(net, column("running_mean"), column("running_var"));
        DMatrixRMaj x = matrix("x");
        new TrainingStep(net, new GradientDescent(0.1)).run(Map.of("X", x, "Y", new DMatrixRMaj(3, x.numCols)), p);
        DMatrixRMaj mean = p.get(net.buffers().get(0));
        DMatrixRMaj var = p.get(net.buffers().get(1));
        assertClose(column("running_mean_after"), mean, "running mean (momentum 0.1)");
        assertClose(column("running_var_after"), var, "running variance (momentum 0.1, the batch's unbiased)");

        // inference from the same γ, β (the step above also moved them) and the running statistics it left
        ParameterStore inference = store(net, mean, var);
        assertClose(matrix("eval_out"), new Predictor(net).predict(inference, x), "inference output");
    }

    @Test
    void theReference_isPyTorchsDefaults_andHasEveryNumber() {
        // what the script was run with: PyTorch's defaults, which gradgraph's constants claim to follow
        assertEquals(1e-5, ref.path("eps").asDouble(), 0);
        assertEquals(0.1, ref.path("momentum").asDouble(), 0);
        compared = 0;
        trainingForwardAndBackward_equalPyTorchs();
        runningStatisticsAfterAStep_andInferenceWithThem_equalPyTorchs();
        assertEquals(15 + 15 + 3 + 3 + 3 + 3 + 15, compared, "values compared");
    }
}

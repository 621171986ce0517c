package io.github.gradgraph.graph.example;

import static io.github.gradgraph.graph.ops.Ops.add;
import static io.github.gradgraph.graph.ops.Ops.matmul;
import static io.github.gradgraph.graph.ops.Ops.mul;
import static io.github.gradgraph.graph.ops.Ops.scale;
import static io.github.gradgraph.graph.ops.Ops.shift;
import static io.github.gradgraph.graph.ops.Ops.softplus;
import static io.github.gradgraph.graph.ops.Ops.sub;
import static io.github.gradgraph.graph.ops.Ops.tanh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Functions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The README's example, kept compiling and running: a 2-layer net, a custom J, dW1 and db1, a few steps. */
class ReadmeExampleTest {
    @Test
    void readmeExample_derivesAndTrains() {
        // --- README example begins ---
        Graph g = new Graph();
        Node X = g.input("X", 2, Dim.M);                 // A[0] = X, n[0] × m
        Node Y = g.input("Y", 1, Dim.M);
        Node W1 = g.parameter("W1", 4, 2);
        Node b1 = g.parameter("b1", 4, 1);
        Node W2 = g.parameter("W2", 1, 4);
        Node b2 = g.parameter("b2", 1, 1);

        Node A1 = tanh(add(matmul(W1, X), b1));          // A[1] = tanh(W[1]·A[0] + b[1])
        Node Z2 = add(matmul(W2, A1), b2);               // Z[2], the logits
        // A custom J: binary cross-entropy from the logits, positives weighted 3×.
        Node perSample = sub(softplus(Z2), mul(Y, Z2));  // −log σ(z) or −log(1 − σ(z)), stably
        Node weight = shift(scale(Y, 2.0), 1.0);         // 3 where Y = 1, 1 where Y = 0
        Node J = Functions.mean(mul(weight, perSample));

        List<Node> grads = Autodiff.gradients(J, W1, b1, W2, b2);   // dW[1], db[1], … as graph nodes
        Program step = Compiler.compile(J, grads.get(0), grads.get(1), grads.get(2), grads.get(3));

        ParameterStore params = new ParameterStore();
        Random random = new Random(0);
        for (Node w : List.of(W1, b1, W2, b2)) {
            DMatrixRMaj value = new DMatrixRMaj(w.shape().rows().size(), w.shape().cols().size());
            for (int i = 0; i < value.getNumElements(); i++) {
                value.data[i] = random.nextGaussian() * 0.5;
            }
            params.set(w, value);
        }
        Map<String, DMatrixRMaj> feeds = Map.of(
                "X", new DMatrixRMaj(new double[][] {{1, -1, 2, -2}, {0.5, 1, -1, 0}}),
                "Y", new DMatrixRMaj(new double[][] {{1, 0, 1, 0}}));

        var check = GradientChecker.defaults().check(J, List.of(W1, b1, W2, b2), feeds, params);
        System.out.print(check.table());
        org.junit.jupiter.api.Assertions.assertTrue(check.passed() && check.notChecked().isEmpty(), check.table());
        double first = Double.NaN;
        for (int t = 0; t < 200; t++) {                   // W := W − α·dW, b := b − α·db
            Values v = step.run(feeds, params);
            first = t == 0 ? v.scalar(J) : first;
            for (int k = 0; k < 4; k++) {
                CommonOps_DDRM.addEquals(params.get(List.of(W1, b1, W2, b2).get(k)), -0.5, v.get(grads.get(k)));
            }
        }
        double last = step.run(feeds, params).scalar(J);
        System.out.printf("J: %.4f → %.4f%n", first, last);
        // --- README example ends ---
        assertTrue(last < first / 10, "training should drive J down: " + first + " → " + last);
        assertEquals(4, grads.get(0).shape().rows().size());
    }
}

package io.github.gradgraph.graph.autodiff;

import static io.github.gradgraph.graph.ops.Ops.add;
import static io.github.gradgraph.graph.ops.Ops.matmul;
import static io.github.gradgraph.graph.ops.Ops.mul;
import static io.github.gradgraph.graph.ops.Ops.pow;
import static io.github.gradgraph.graph.ops.Ops.stopGradient;
import static io.github.gradgraph.graph.ops.Ops.sum;
import static io.github.gradgraph.graph.ops.Ops.tanh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Fill;
import io.github.gradgraph.graph.ops.Functions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the engine owns: fan-out, broadcast reduction, the walk, stop-gradient, explicit zeros, higher order. */
class AutodiffTest {
    private final Graph g = new Graph();
    private final ParameterStore store = new ParameterStore();

    @AfterEach
    void graphStaysValid() {
        GraphValidator.validate(g);
    }

    private Node param(String name, double... values) {
        Node p = g.parameter(name, values.length, 1);
        store.set(p, new DMatrixRMaj(values.length, 1, true, values));
        return p;
    }

    private DMatrixRMaj value(Node n) {
        return Compiler.compileAsWritten(n).run(Map.of(), store).copy(n);
    }

    @Test
    void gradients_sumContributionsOfEveryConsumer() {
        Node x = param("x", 1.5, -2.0);
        Node j = sum(add(mul(x, x), x)); // J = Σ x² + x, used three times
        DMatrixRMaj grad = value(Autodiff.gradient(j, x));
        assertEquals(2 * 1.5 + 1, grad.get(0), 1e-15);
        assertEquals(2 * -2.0 + 1, grad.get(1), 1e-15);
    }

    @Test
    void gradients_reduceABroadcastBackToTheOperandsShape() {
        Node z = g.input("Z", 2, Dim.M);
        Node b = param("b", 0.5, -0.5);
        Node j = sum(mul(add(z, b), add(z, b)));
        Node db = Autodiff.gradient(j, b);
        assertEquals(Shape.of(2, 1), db.shape());
        DMatrixRMaj zv = new DMatrixRMaj(new double[][] {{1, 2, 3}, {0, 0, 1}});
        Values v = Compiler.compileAsWritten(db).run(Map.of("Z", zv), store);
        assertEquals(2 * ((1.5) + (2.5) + (3.5)), v.get(db).get(0), 1e-12); // Σcols of 2(Z + b)
        assertEquals(2 * ((-0.5) + (-0.5) + (0.5)), v.get(db).get(1), 1e-12);
    }

    @Test
    void gradients_stopAtStopGradient() {
        Node x = param("x", 3.0);
        Node j = sum(mul(stopGradient(x), x)); // d/dx = stopped x = 3, not 2x = 6
        assertEquals(3.0, value(Autodiff.gradient(j, x)).get(0), 0.0);
    }

    @Test
    void gradients_ofAnUnrelatedVariableAreExplicitZeros() {
        Node x = param("x", 3.0);
        Node unrelated = g.parameter("u", 2, 3);
        store.set(unrelated, new DMatrixRMaj(2, 3));
        Node grad = Autodiff.gradient(sum(mul(x, x)), unrelated);
        assertNotNull(grad);
        assertTrue(grad.op() instanceof Fill);
        assertEquals(Shape.of(2, 3), grad.shape());
        DMatrixRMaj v = value(grad);
        for (double d : v.data) {
            assertEquals(0.0, d, 0.0);
        }
    }

    @Test
    void gradients_walkOnlyTheNodesBetweenJAndTheVariables() {
        Node x = param("x", 1.0, 2.0);
        Node v = param("v", 3.0, 4.0);
        Node other = tanh(tanh(tanh(v)));
        Node j = add(sum(mul(x, x)), sum(other));
        int before = g.size();
        Autodiff.gradient(j, x);
        Set<Node> otherBranch = new HashSet<>(List.of(v, other, other.input(0), other.input(0).input(0)));
        for (Node n : g.nodes().subList(before, g.size())) {
            for (Node in : n.inputs()) {
                assertFalse(otherBranch.contains(in), () -> "the gradient of x touched " + in + " via " + n);
            }
        }
    }

    @Test
    void gradients_withRespectToAnIntermediateNode() {
        Node w = g.parameter("W", 1, 2);
        store.set(w, new DMatrixRMaj(new double[][] {{2, -1}}));
        Node x = param("x", 1.0, 3.0);
        Node z = matmul(w, x);
        Node j = sum(pow(z, 2.0));
        List<Node> grads = Autodiff.gradients(j, z, w);
        Values v = Compiler.compileAsWritten(grads).run(Map.of(), store);
        double zv = 2 * 1 - 3;
        assertEquals(2 * zv, v.get(grads.get(0)).get(0), 1e-15);
        assertEquals(2 * zv * 1.0, v.get(grads.get(1)).get(0, 0), 1e-15);
        assertEquals(2 * zv * 3.0, v.get(grads.get(1)).get(0, 1), 1e-15);
    }

    @Test
    void gradientNodes_canBeDifferentiatedAgain() {
        Node x = param("x", 2.0, -1.0);
        Node j = sum(pow(x, 3.0));
        Node first = Autodiff.gradient(j, x); // 3x²
        Node second = Autodiff.gradient(sum(first), x); // 6x
        Node third = Autodiff.gradient(sum(second), x); // 6
        Values v = Compiler.compileAsWritten(first, second, third).run(Map.of(), store);
        assertEquals(12.0, v.get(first).get(0), 1e-12);
        assertEquals(12.0, v.get(second).get(0), 1e-12);
        assertEquals(-6.0, v.get(second).get(1), 1e-12);
        assertEquals(6.0, v.get(third).get(1), 1e-12);
    }

    @Test
    void gradients_returnTheSameNodeForARepeatedVariable() {
        Node x = param("x", 2.0);
        List<Node> grads = Autodiff.gradients(sum(mul(x, x)), x, x);
        assertSame(grads.get(0), grads.get(1));
    }

    @Test
    void meanOverSamples_bindsOneOverMPerRun() {
        Node z = g.input("Z", 1, Dim.M);
        Node w = param("w", 2.0);
        Node j = Functions.mean(mul(w, z));
        Node dw = Autodiff.gradient(j, w);
        var program = Compiler.compileAsWritten(j, dw);
        Values small = program.run(Map.of("Z", new DMatrixRMaj(new double[][] {{1, 2, 3}})), store);
        assertEquals(2.0, small.scalar(dw), 1e-15); // mean(z) = 2
        Values large = program.run(Map.of("Z", new DMatrixRMaj(new double[][] {{1, 2, 3, 4, 5, 6, 7}})), store);
        assertEquals(4.0, large.scalar(dw), 1e-15);
        assertEquals(8.0, large.scalar(j), 1e-15);
    }
}

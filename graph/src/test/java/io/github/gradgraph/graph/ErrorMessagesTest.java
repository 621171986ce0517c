package io.github.gradgraph.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input gets a clear message naming the culprit, and leaves nothing changed. */
class ErrorMessagesTest {
    private final Graph g = new Graph();
    private final ParameterStore store = new ParameterStore();
    private final Node x = g.input("X", 2, Dim.M);
    private final Node y = g.input("Y", 1, Dim.M);
    private final Node w = g.parameter("W", 1, 2);
    private final Node j = Functions.mean(Ops.pow(Ops.sub(Ops.matmul(w, x), y), 2.0));

    ErrorMessagesTest() {
        store.set(w, new DMatrixRMaj(new double[][] {{0.5, -1}}));
    }

    private static <T extends Throwable> String message(Class<T> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }

    private static Map<String, DMatrixRMaj> feeds(Object... pairs) {
        Map<String, DMatrixRMaj> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (DMatrixRMaj) pairs[i + 1]);
        }
        return m;
    }

    private static DMatrixRMaj ones(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        m.fill(1);
        return m;
    }

    @Test
    void matmul_innerDimensionMismatch_namesOperandsShapesAndCallSite() {
        Node w2 = g.parameter("W2", 3, 4);
        Node a1 = Ops.tanh(x).named("A1");
        Node a1wide = g.input("A", 5, Dim.M);
        String msg = message(ShapeException.class, () -> Ops.matmul(w2, a1wide));
        assertTrue(msg.startsWith("matmul W2 (3×4) · A (5×m): inner dimensions 4 ≠ 5 (at ErrorMessagesTest.java:"),
                msg);
        assertTrue(message(ShapeException.class, () -> Ops.matmul(w2, a1)).contains("W2 (3×4) · A1 (2×m)"));
    }

    @Test
    void conv2d_wrongFilterBank_namesTheGeometryAndCallSite() {
        io.github.gradgraph.core.ConvGeometry lenet = io.github.gradgraph.core.ConvGeometry.of(28, 28, 1, 5, 1, 2);
        Node w1 = g.parameter("W1", 6, 75);
        Node a0 = g.input("A0", 784, Dim.M);
        String msg = message(ShapeException.class, () -> io.github.gradgraph.graph.ops.ImageOps.conv2d(a0, w1, null,
                lenet));
        assertTrue(msg.startsWith("conv2d W1 (6×75) over A0 (784×m = 28×28×1): a 5×5 filter over 1 channel needs W "
                + "of 6×25 (at ErrorMessagesTest.java:"), msg);
        Node a780 = g.input("A780", 780, Dim.M);
        msg = message(ShapeException.class, () -> io.github.gradgraph.graph.ops.ImageOps.maxPool(a780,
                io.github.gradgraph.core.ConvGeometry.of(28, 28, 1, 2, 2, 0)));
        assertTrue(msg.startsWith("maxpool over A780 (780×m): 28×28×1 images need 784 rows (at "), msg);
    }

    @Test
    void broadcast_mismatch_namesBothOperands() {
        Node b = g.parameter("b", 3, 1);
        String msg = message(ShapeException.class, () -> Ops.add(x, b));
        assertTrue(msg.startsWith("add X (2×m) + b (3×1): shapes do not broadcast"), msg);
        assertTrue(msg.contains("(at ErrorMessagesTest.java:"), msg);
        Node fixed = g.parameter("F", 2, 7);
        assertTrue(message(ShapeException.class, () -> Ops.mul(x, fixed)).contains("mul X (2×m) ⊙ F (2×7)"));
    }

    @Test
    void gradients_ofANonScalar_sayWhatToDo() {
        Node z = Ops.matmul(w, x);
        String msg = message(GraphException.class, () -> Autodiff.gradients(z, w));
        assertTrue(msg.startsWith("gradients need a scalar J (1×1), but matmul#"), msg);
        assertTrue(msg.contains("(1×m) is not; reduce it first"), msg);
    }

    @Test
    void feeds_missing_namesTheInput() {
        Program p = Compiler.compile(j);
        String msg = message(FeedException.class, () -> p.run(feeds("X", ones(2, 3)), store));
        assertEquals("missing feed for input Y (1×m)", msg);
    }

    @Test
    void feeds_unknown_listsTheGraphsInputs() {
        Program p = Compiler.compile(j);
        String msg = message(FeedException.class,
                () -> p.run(feeds("X", ones(2, 3), "Y", ones(1, 3), "Q", ones(1, 1)), store));
        assertEquals("unknown feed 'Q': the graph's inputs are [X, Y]", msg);
        String param = message(FeedException.class,
                () -> p.run(feeds("X", ones(2, 3), "Y", ones(1, 3), "W", ones(1, 2)), store));
        assertTrue(param.contains("'W' is a parameter; set it in the parameter store"), param);
    }

    @Test
    void feeds_wrongShape_namesFeedAndExpectedShape() {
        Program p = Compiler.compile(j);
        String msg = message(FeedException.class, () -> p.run(feeds("X", ones(3, 5), "Y", ones(1, 5)), store));
        assertEquals("feed 'X' is 3×5 but input X (2×m) expects 2×m", msg);
    }

    @Test
    void feeds_disagreeingBatchSizes_nameBothFeeds() {
        Program p = Compiler.compile(j);
        String msg = message(FeedException.class, () -> p.run(feeds("X", ones(2, 5), "Y", ones(1, 4)), store));
        assertTrue(msg.contains("binding m = ") && msg.contains("but feed '"), msg);
    }

    @Test
    void feeds_nonFinite_namesFeedRowAndColumn() {
        Program p = Compiler.compile(j);
        DMatrixRMaj bad = ones(2, 3);
        bad.set(1, 2, Double.NaN);
        assertEquals("feed 'X' has NaN at row 1, column 2; values must be finite",
                message(FeedException.class, () -> p.run(feeds("X", bad, "Y", ones(1, 3)), store)));
        bad.set(1, 2, Double.POSITIVE_INFINITY);
        assertTrue(message(FeedException.class, () -> p.run(feeds("X", bad, "Y", ones(1, 3)), store))
                .contains("Infinity"));
    }

    @Test
    void parameters_missingOrNonFinite_areNamed() {
        Program p = Compiler.compile(j);
        assertEquals("no value for parameter W (1×2) in the parameter store",
                message(FeedException.class, () -> p.run(feeds("X", ones(2, 3), "Y", ones(1, 3)),
                        new ParameterStore())));
        ParameterStore nan = new ParameterStore();
        nan.set(w, new DMatrixRMaj(new double[][] {{Double.NaN, 0}}));
        assertTrue(message(FeedException.class, () -> p.run(feeds("X", ones(2, 3), "Y", ones(1, 3)), nan))
                .startsWith("parameter W has NaN at row 0, column 0"));
        assertEquals("parameter W is 1×2 but the value is 2×1",
                message(FeedException.class, () -> store.set(w, ones(2, 1))));
    }

    @Test
    void aFailedRun_changesNothing_andTheNextRunIsRight() {
        Program p = Compiler.compile(j);
        DMatrixRMaj before = store.get(w).copy();
        DMatrixRMaj xs = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj ys = new DMatrixRMaj(new double[][] {{1, 0}});
        double good = p.run(feeds("X", xs, "Y", ys), store).scalar(j);
        DMatrixRMaj bad = xs.copy();
        bad.set(0, 0, Double.NaN);
        assertThrows(FeedException.class, () -> p.run(feeds("X", bad, "Y", ys), store));
        assertEquals(before.get(0, 0), store.get(w).get(0, 0), 0.0);
        assertEquals(good, p.run(feeds("X", xs, "Y", ys), store).scalar(j), 0.0);
    }

    @Test
    void variablesAndOperands_fromAnotherGraph_areRejected() {
        Graph other = new Graph();
        Node foreign = other.parameter("V", 1, 2);
        assertTrue(message(GraphException.class, () -> Autodiff.gradients(j, foreign))
                .startsWith("gradients: variable V (1×2) belongs to another graph than J"));
        assertTrue(message(GraphException.class, () -> Ops.add(w, foreign))
                .startsWith("add: operand V (1×2) belongs to another graph (at ErrorMessagesTest.java:"));
        assertTrue(message(GraphException.class, () -> Compiler.compile(j, foreign))
                .startsWith("compile: output V (1×2) belongs to another graph"));
    }

    @Test
    void dimensions_zeroOrNegative_areRejected() {
        assertEquals("a dimension must be at least 1, got 0",
                message(IllegalArgumentException.class, () -> g.parameter("Z", 0, 3)));
        assertEquals("a dimension must be at least 1, got -2",
                message(IllegalArgumentException.class, () -> g.input("N", Shape.of(-2, 1))));
        DMatrixRMaj empty = new DMatrixRMaj(2, 0);
        Program p = Compiler.compile(j);
        assertTrue(message(FeedException.class, () -> p.run(feeds("X", empty, "Y", new DMatrixRMaj(1, 0)), store))
                .contains("the batch size m must be at least 1"));
    }

    @Test
    void names_mustBeUnique() {
        assertTrue(message(GraphException.class, () -> g.parameter("X", 1, 1))
                .startsWith("the name 'X' is taken by X (2×m) (at ErrorMessagesTest.java:"));
    }

    @Test
    void aMissingGradientRule_failsLoudly() {
        Primitive noRule = TestPrimitives.elementwise("mystery", v -> v, (out, grad) -> {
            throw new UnsupportedOperationException();
        });
        Node z = g.apply(noRule, w);
        assertTrue(message(GraphException.class, () -> Autodiff.gradient(Ops.sum(z), w))
                .startsWith("no gradient rule for mystery at mystery#"));
    }

    @Test
    void gradientCheck_ofAComputedNode_isRejected() {
        Node z = Ops.matmul(w, x);
        assertTrue(message(GraphException.class, () -> GradientChecker.defaults().check(j, List.of(z),
                feeds("X", ones(2, 2), "Y", ones(1, 2)), store))
                .startsWith("a gradient check perturbs inputs and parameters; matmul#"));
    }

    @Test
    void nullArguments_toTheApi_getNamedErrorsNotNullPointerExceptions() {
        assertEquals("gradients: J is null", message(GraphException.class, () -> Autodiff.gradients(null, w)));
        assertEquals("ParameterStore.set: the parameter is null",
                message(FeedException.class, () -> store.set(null, ones(1, 2))));
        assertEquals("ParameterStore.set: the value of W is null",
                message(FeedException.class, () -> store.set(w, null)));
        Program p = Compiler.compile(j);
        var values = p.run(feeds("X", ones(2, 2), "Y", ones(1, 2)), store);
        assertEquals("Values.get: the node is null", message(GraphException.class, () -> values.get(null)));
        assertEquals("ParameterStore.get: the parameter node is null",
                message(GraphException.class, () -> store.get((Node) null)));
        assertEquals("ParameterStore.get: the name is null",
                message(GraphException.class, () -> store.get((String) null)));
        assertEquals("compile needs at least one output node",
                message(GraphException.class, () -> Compiler.compile((java.util.List<Node>) null)));
        assertEquals("rewrite: the output node is null", message(GraphException.class,
                () -> io.github.gradgraph.graph.rewrite.Rewriter.standard().rewrite((Node) null)));
        assertEquals("rewrite: output 2 is null", message(GraphException.class,
                () -> io.github.gradgraph.graph.rewrite.Rewriter.standard().rewrite(java.util.Arrays.asList(j, null))));
        assertEquals("hvp needs at least one variable to differentiate J by", message(GraphException.class,
                () -> io.github.gradgraph.graph.autodiff.Higher.hvp(j, java.util.List.of(), java.util.List.of())));
        assertEquals("hvp: J is null", message(GraphException.class,
                () -> io.github.gradgraph.graph.autodiff.Higher.hvp(null, w, w)));
    }

    @Test
    void nullOperands_andUnknownAxes_areNamed() {
        assertTrue(message(GraphException.class, () -> Ops.add(w, null)).startsWith("add: operand 2 is null"));
        assertTrue(message(GraphException.class, () -> Ops.tanh(null))
                .startsWith("tanh: operand 1 is null (at ErrorMessagesTest.java:"));
        assertEquals("axis must be 0 (over rows) or 1 (over columns), got 2",
                message(IllegalArgumentException.class, () -> Ops.sum(x, 2)));
    }
}

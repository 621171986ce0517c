package io.github.gradgraph.graph.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.exec.Compiler;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class FormulaParserTest {
    private static final Map<String, Shape> SCALARS = Map.of();

    private static double eval(String src, double a, double b) {
        Formula f = FormulaParser.parse(src, SCALARS, Shape.SCALAR);
        Map<String, DMatrixRMaj> feeds = new java.util.HashMap<>();
        if (f.names().containsKey("a")) {
            feeds.put("a", new DMatrixRMaj(1, 1, true, a));
        }
        if (f.names().containsKey("b")) {
            feeds.put("b", new DMatrixRMaj(1, 1, true, b));
        }
        return Compiler.compile(f.result()).run(feeds).scalar(f.result());
    }

    private static void same(String src, DoubleBinaryOperator expected) {
        double a = 0.7;
        double b = 1.9;
        assertEquals(expected.applyAsDouble(a, b), eval(src, a, b), 1e-14, src);
    }

    /** Φ(x) for the test's values, from the series of erf (|x| &lt; 2: 40 terms are exact in double). */
    private static double Phi(double x) {
        double z = x / Math.sqrt(2);
        double term = z;
        double sum = z;
        for (int n = 1; n < 40; n++) {
            term *= -z * z / n;
            sum += term / (2 * n + 1);
        }
        return 0.5 * (1 + 2 / Math.sqrt(Math.PI) * sum);
    }

    @Test
    void precedenceAndAssociativity_followNumpy() {
        same("a + b * 2", (a, b) -> a + b * 2);
        same("(a + b) * 2", (a, b) -> (a + b) * 2);
        same("-a ** 2", (a, b) -> -(a * a));
        same("a - b - 1", (a, b) -> a - b - 1);
        same("a / b / 2", (a, b) -> a / b / 2);
        same("2 ** 3 ** 2 * a", (a, b) -> Math.pow(2, 9) * a);
        same("1 - a", (a, b) -> 1 - a);
        same("2 / a", (a, b) -> 2 / a);
        same("a ** -1", (a, b) -> 1 / a);
        same("exp(a) + log(b) + sqrt(b) + abs(-a)", (a, b) -> Math.exp(a) + Math.log(b) + Math.sqrt(b) + a);
        same("tanh(a) * sigmoid(b) + relu(-a) + softplus(a) + leaky_relu(-a, 0.1)",
                (a, b) -> Math.tanh(a) / (1 + Math.exp(-b)) + 0 + Math.log1p(Math.exp(a)) - 0.1 * a);
        same("c = a * b; d = c + 1\n e = d * d; e", (a, b) -> (a * b + 1) * (a * b + 1));
        same("gelu(a) + silu(-b) + elu(-a) + elu(-b, 0.5) + gelu_tanh(b) + normal_cdf(a)", (a, b) ->
                a * Phi(a) - b / (1 + Math.exp(b)) + Math.expm1(-a) + 0.5 * Math.expm1(-b)
                + 0.5 * b * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (b + 0.044715 * b * b * b))) + Phi(a));
        same("1.5e-1 * a", (a, b) -> 0.15 * a);
    }

    @Test
    void matricesAxesAndTransposes_buildTheRightShapes() {
        Formula f = FormulaParser.parse("Z = W @ X + b; S = softmax(Z); J = mean(sum(S, 0)) + max(Z, 1).T @ b",
                Map.of("W", Shape.of(3, 2), "X", Shape.of(2, Dim.M), "b", Shape.of(3, 1)), Shape.SCALAR);
        assertEquals(Shape.of(3, Dim.M), f.node("Z").shape());
        assertEquals(Shape.SCALAR, f.result().shape());
        assertEquals("Z", f.node("Z").name());
    }

    @Test
    void errors_pointAtLineAndColumn() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> FormulaParser.parse("J = sum(W @ X", SCALARS, Shape.SCALAR));
        assertEquals("line 1, column 14: expected ')' but found the end of the input", e.getMessage());
        e = assertThrows(ExpressionException.class,
                () -> FormulaParser.parse("A = X\nJ = foo(A)", SCALARS, Shape.SCALAR));
        assertEquals(2, e.line());
        assertEquals(5, e.column());
        e = assertThrows(ExpressionException.class, () -> FormulaParser.parse("J = W @ X",
                Map.of("W", Shape.of(3, 4), "X", Shape.of(5, Dim.M)), Shape.SCALAR));
        assertEquals("line 1, column 7: matmul W (3×4) · X (5×m): inner dimensions 4 ≠ 5", e.getMessage());
        e = assertThrows(ExpressionException.class, () -> FormulaParser.parse("J = a ** b", SCALARS, Shape.SCALAR));
        assertEquals("line 1, column 7: the exponent of ** must be a number", e.getMessage());
        e = assertThrows(ExpressionException.class, () -> FormulaParser.parse("J = a $ b", SCALARS, Shape.SCALAR));
        assertEquals("line 1, column 7: unexpected character '$'", e.getMessage());
        e = assertThrows(ExpressionException.class, () -> FormulaParser.parse("J = sum(a, 2)", SCALARS,
                Shape.SCALAR));
        assertEquals("line 1, column 5: the axis of sum must be 0 (over rows) or 1 (over columns), got 2.0",
                e.getMessage());
        e = assertThrows(ExpressionException.class, () -> FormulaParser.parse("  ;\n", SCALARS, Shape.SCALAR));
        assertEquals("the formula is empty", e.getMessage().replaceAll("^line \\d+, column \\d+: ", ""));
        e = assertThrows(ExpressionException.class, () -> FormulaParser.parse("J = a b", SCALARS, Shape.SCALAR));
        assertEquals("line 1, column 7: expected an operator or the end of the statement but found 'b'",
                e.getMessage());
    }

    @Test
    void inputs_takeTheirGivenOrDefaultShapes() {
        Formula f = FormulaParser.parse("J = mean(Y * log(sigmoid(Z)))", Map.of("Z", Shape.of(1, Dim.M)),
                Shape.of(1, Dim.M));
        Node z = f.node("Z");
        assertEquals(Shape.of(1, Dim.M), z.shape());
        assertEquals(Shape.of(1, Dim.M), f.node("Y").shape());
    }

    @Test
    void parseOver_buildsIntoTheGivenGraph_withTheBoundNodes() {
        io.github.gradgraph.graph.Graph g = new io.github.gradgraph.graph.Graph();
        Node a = g.input("a", Shape.SCALAR);
        Node b = g.input("b", Shape.SCALAR);
        int before = g.size();
        Formula f = FormulaParser.parseOver("c = a * 2; c - b / 4", Map.of("x", a, "a", a, "b", b));
        assertEquals(g, f.graph());
        assertEquals(a, f.node("a"));
        assertEquals(java.util.List.of("a", "c", "b"), java.util.List.copyOf(f.names().keySet()));
        assertEquals(true, g.size() > before);
        double v = Compiler.compile(f.result()).run(Map.of("a", new DMatrixRMaj(1, 1, true, 3),
                "b", new DMatrixRMaj(1, 1, true, 8))).scalar(f.result());
        assertEquals(4.0, v);
        assertEquals(2, g.leaves().size()); // no input made for a name
    }

    @Test
    void parseOver_refusesAnUnboundName_andNodesOfTwoGraphs() {
        io.github.gradgraph.graph.Graph g = new io.github.gradgraph.graph.Graph();
        Node a = g.input("a", Shape.SCALAR);
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> FormulaParser.parseOver("a\n  q + a", Map.of("a", a)));
        assertEquals("line 2, column 3: unknown name 'q'; this formula can use a and the names it assigns",
                e.getMessage());
        Node other = new io.github.gradgraph.graph.Graph().input("o", Shape.SCALAR);
        assertThrows(IllegalArgumentException.class, () -> FormulaParser.parseOver("a", Map.of("a", a, "o", other)));
    }

    @Test
    void nodesOfAFormula_areMadeAtTheirPositionInIt() {
        Formula f = FormulaParser.parse("J = mean(\n  log(x))", SCALARS, Shape.SCALAR);
        assertEquals("formula line 1, column 5", f.result().site());
        Node log = f.graph().nodes().stream().filter(n -> n.op() instanceof io.github.gradgraph.graph.ops.Log)
                .findFirst().orElseThrow();
        assertEquals("formula line 2, column 3", log.site());
        Node outside = new io.github.gradgraph.graph.Graph().input("y", Shape.SCALAR);
        assertEquals(true, outside.site().startsWith("FormulaParserTest.java:"), outside.site());
    }
}

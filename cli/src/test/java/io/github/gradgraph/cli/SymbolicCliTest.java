package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.autodiff.Higher;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Ops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derive, eval and graph end to end. */
class SymbolicCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void derive_bceOfSigmoid_printsSigmaMinusYOverM_andTheRulesThatFired() {
        CliTest.Run r = CliTest.run("derive", "--expr",
                "J = -mean(Y*log(sigmoid(Z)) + (1-Y)*log(1-sigmoid(Z)))", "--wrt", "Z", "--report");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\ndZ = (1/m)·(σ(Z) − Y)\n"), r.out());
        assertTrue(r.out().contains("log(σ(x)) → −softplus(−x)"), r.out());
        assertTrue(r.out().contains("y⊙softplus(−z) + (1 − y)⊙softplus(z) → softplus(z) − y⊙z"), r.out());
        assertEquals("", r.err(), "a stabilized loss draws no lint warning");
        CliTest.Run latex = CliTest.run("derive", "--expr", "J = mean((W @ X - Y)**2)", "--shape", "W=1x3",
                "--shape", "X=3xm", "--wrt", "W", "--latex");
        assertEquals(0, latex.code(), latex.err());
        assertTrue(latex.out().contains("dW = "), latex.out());
        assertTrue(latex.out().contains("\\frac{1}{m}"), latex.out());
    }

    @Test
    void derive_callsAFunctionOfALibraryOnTheClasspath() {
        CliTest.Run r = CliTest.run("derive", "--expr", "J = mean(cube(Z))", "--wrt", "Z");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("J = (1/m)·Σ Z³"), r.out());
        assertTrue(r.out().contains("dZ = 3·((1/m)·Z²)"), r.out());
    }

    @Test
    void derive_network_printsTheSeedsEquations() {
        CliTest.Run r = CliTest.run("derive", "--layers", "2,8,4,1");
        assertEquals(0, r.code(), r.err());
        for (String line : List.of("dZ[3] = A[3] − Y", "dW[3] = (1/m)·dZ[3]·A[2]ᵀ", "db[3] = (1/m)·Σcols dZ[3]",
                "dA[2] = W[3]ᵀ·dZ[3]", "dZ[2] = dA[2] ⊙ (1 − A[2]²)", "dW[1] = (1/m)·dZ[1]·A[0]ᵀ")) {
            assertTrue(r.out().lines().anyMatch(line::equals), line + " in\n" + r.out());
        }
    }

    @Test
    void derive_latex_isStructurallyValid_andNoPowerOfOneIsPrinted() {
        for (String activation : List.of("relu", "leaky-relu", "tanh", "sigmoid", "identity", "gelu", "gelu-tanh",
                "silu", "elu", "softplus")) {
            for (String loss : List.of("bce", "mse", "softmax-cross-entropy")) {
                String layers = loss.startsWith("softmax") ? "3,4,3" : "3,4,1";
                CliTest.Run r = CliTest.run("derive", "--layers", layers, "--activation", activation, "--loss", loss,
                        "--latex");
                assertEquals(0, r.code(), r.err());
                int depth = 0;
                for (char c : r.out().toCharArray()) {
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    assertTrue(depth >= 0, "a } closes nothing: " + r.out());
                }
                assertEquals(0, depth, "unbalanced braces: " + r.out());
                // a second superscript on one base ("A^{[1]}^{2}") does not compile
                assertTrue(!r.out().matches("(?s).*\\^\\{[^{}]*\\}\\^.*"), "double superscript: " + r.out());
                CliTest.Run u = CliTest.run("derive", "--layers", layers, "--activation", activation, "--loss", loss);
                assertTrue(!u.out().contains("^1") && !r.out().contains("^{1}"), "x^1 printed: " + u.out());
            }
        }
    }

    @Test
    void derive_shapes_asSizesOrInLayerSizes() {
        CliTest.Run r = CliTest.run("derive", "--layers", "3,4,1", "--shapes", "symbolic");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dW[1] = (1/m)·dZ[1]·A[0]ᵀ    (n[1] × n[0])"), r.out());
        assertTrue(r.out().contains("db[2] = (1/m)·Σcols dZ[2]    (n[2] × 1)"), r.out());
        assertTrue(r.out().contains("dZ[1] = dA[1] ⊙ (1 − A[1]²)    (n[1] × m)"), r.out());
        CliTest.Run sizes = CliTest.run("derive", "--layers", "3,4,1", "--shapes");
        assertTrue(sizes.out().contains("dW[1] = (1/m)·dZ[1]·A[0]ᵀ    (4 × 3)"), sizes.out());
        assertEquals(Main.BAD_INPUT, CliTest.run("derive", "--layers", "3,4,1", "--shapes", "round").code());
    }

    @Test
    void derive_badFormula_pointsAtTheColumn_andWarnsAboutUnsafeLogs() {
        CliTest.Run r = CliTest.run("derive", "--expr", "J = sum(W * X");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("gradgraph: line 1, column 14: expected ')'"), r.err());
        CliTest.Run lint = CliTest.run("derive", "--expr", "J = mean(log(Z * Z))");
        assertEquals(0, lint.code());
        assertTrue(lint.err().contains("warning: log of"), lint.err());
    }

    @Test
    void eval_orderOneAndTwo_equalTheEnginesValuesToTheBit() throws IOException {
        String request = "{\"expr\": \"A = tanh(W @ X + b); J = mean(softplus(A) - Y * A)\", "
                + "\"inputs\": {\"W\": [[0.3, -0.7], [1.1, 0.2]], \"b\": [[0.1], [-0.2]], "
                + "\"X\": [[1, 2, -1], [0.5, -3, 2]], \"Y\": [[1, 0, 1], [0, 1, 1]]}, "
                + "\"wrt\": [\"W\", \"b\"], \"order\": 2, "
                + "\"direction\": {\"W\": [[1, 0], [0, -1]], \"b\": [[0.5], [2]]}}";
        Path file = Files.writeString(dir.resolve("req.json"), request);
        CliTest.Run r = CliTest.run("eval", "--json", file.toString());
        assertEquals(0, r.code(), r.out());
        JsonNode out = JSON.readTree(r.lastLine());

        Graph g = new Graph();
        Node w = g.input("W", Shape.of(2, 2));
        Node b = g.input("b", Shape.of(2, 1));
        Node x = g.input("X", Shape.of(2, 3));
        Node y = g.input("Y", Shape.of(2, 3));
        Node a = Ops.tanh(Ops.add(Ops.matmul(w, x), b));
        Node j = Functions.mean(Ops.sub(Ops.softplus(a), Ops.mul(y, a)));
        List<Node> grads = Autodiff.gradients(j, w, b);
        List<Node> hvp = Higher.hvp(j, List.of(w, b), List.of(
                g.constant(new DMatrixRMaj(new double[][] {{1, 0}, {0, -1}})),
                g.constant(new DMatrixRMaj(new double[][] {{0.5}, {2}}))));
        Values v = Compiler.compile(List.of(j, grads.get(0), grads.get(1), hvp.get(0), hvp.get(1))).run(Map.of(
                "W", new DMatrixRMaj(new double[][] {{0.3, -0.7}, {1.1, 0.2}}),
                "b", new DMatrixRMaj(new double[][] {{0.1}, {-0.2}}),
                "X", new DMatrixRMaj(new double[][] {{1, 2, -1}, {0.5, -3, 2}}),
                "Y", new DMatrixRMaj(new double[][] {{1, 0, 1}, {0, 1, 1}})));
        assertEquals(v.scalar(j), out.get("value").get(0).get(0).asDouble(), 0.0);
        same(v.get(grads.get(0)), out.get("gradients").get("W"));
        same(v.get(grads.get(1)), out.get("gradients").get("b"));
        same(v.get(hvp.get(0)), out.get("hvp").get("W"));
        same(v.get(hvp.get(1)), out.get("hvp").get("b"));
    }

    private static void same(DMatrixRMaj expected, JsonNode rows) {
        for (int i = 0; i < expected.numRows; i++) {
            for (int k = 0; k < expected.numCols; k++) {
                assertEquals(Double.doubleToLongBits(expected.get(i, k)),
                        Double.doubleToLongBits(rows.get(i).get(k).asDouble()));
            }
        }
    }

    @Test
    void eval_errors_areJsonWithExitTwo() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"expr\": \"J = sum(W @ X)\", \"inputs\": "
                + "{\"W\": [[1, 2]], \"X\": [[1], [2], [3]]}, \"wrt\": [\"W\"]}");
        CliTest.Run r = CliTest.run("eval", "--json", bad.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(JSON.readTree(r.lastLine()).get("error").asText().contains("inner dimensions 2 ≠ 3"), r.out());
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"expr\": ");
        CliTest.Run b = CliTest.run("eval", "--json", broken.toString());
        assertEquals(Main.BAD_INPUT, b.code());
        assertTrue(JSON.readTree(b.lastLine()).get("error").asText().startsWith("the request is not valid JSON"));
        CliTest.Run missing = CliTest.run("eval", "--json", dir.resolve("none.json").toString());
        assertTrue(JSON.readTree(missing.lastLine()).get("error").asText().endsWith("no such file"));
        Path noDir = Files.writeString(dir.resolve("nodir.json"), "{\"expr\": \"J = sum(W * W)\", \"inputs\": "
                + "{\"W\": [[1, 2]]}, \"wrt\": [\"W\"], \"order\": 2}");
        assertTrue(JSON.readTree(CliTest.run("eval", "--json", noDir.toString()).lastLine()).get("error").asText()
                .contains("order 2 needs \"direction\" for 'W'"));
    }

    @Test
    void eval_validatesEveryFieldStrictly_namingTheField() throws IOException {
        String base = "\"expr\": \"J = sum(W * W)\", \"inputs\": {\"W\": [[1, 2]]}";
        String[][] cases = {
            {"{" + base + ", \"wrt\": \"W\"}", "\"wrt\" must be a list of input names, e.g. [\"W\"], got \"W\""},
            {"{" + base + ", \"wrt\": [1]}", "\"wrt\" must hold input names as strings, got 1"},
            {"{" + base + ", \"wrt\": [\"W\"], \"order\": \"two\"}", "\"order\" must be 1 or 2, got \"two\""},
            {"{" + base + ", \"order\": 1.5}", "\"order\" must be 1 or 2, got 1.5"},
            {"{" + base + ", \"grad\": [\"W\"]}", "unknown field \"grad\"; the fields are expr, inputs, wrt, order, "
                + "direction"},
            {"{\"expr\": 3}", "\"expr\" must be a formula as a string"},
            {"{\"expr\": \"J = sum(W)\", \"inputs\": [[1]]}", "\"inputs\" must be an object of named matrices"},
            {"[1, 2]", "the request must be a JSON object"},
        };
        for (String[] c : cases) {
            Path req = Files.writeString(dir.resolve("req.json"), c[0]);
            CliTest.Run r = CliTest.run("eval", "--json", req.toString());
            assertEquals(Main.BAD_INPUT, r.code(), c[0] + " → " + r.out() + r.err());
            String error = JSON.readTree(r.lastLine()).get("error").asText();
            assertTrue(error.startsWith(c[1]), c[0] + " → " + error);
        }
        Path ok = Files.writeString(dir.resolve("ok.json"), "{" + base + ", \"wrt\": [\"W\"], \"order\": 1}");
        assertEquals(0, CliTest.run("eval", "--json", ok.toString()).code());
    }

    @Test
    void graph_writesDot_withTheGradientPartFilled() throws IOException {
        Path out = dir.resolve("net.dot");
        CliTest.Run r = CliTest.run("graph", "--layers", "2,3,1", "--format", "dot", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String dot = Files.readString(out);
        assertTrue(dot.startsWith("digraph gradgraph {"), dot);
        assertTrue(dot.contains("label=\"W1\\nparameter\\n3×2\", shape=box"), dot);
        assertTrue(dot.contains("fillcolor"), "gradient nodes are drawn filled");
        CliTest.Run svg = CliTest.run("graph", "--expr", "J = sum(x * x)", "--format", "svg", "--out",
                dir.resolve("g.svg").toString());
        boolean hasDot = svg.code() == 0;
        assertTrue(hasDot ? Files.exists(dir.resolve("g.svg")) : svg.err().contains("apt-get install graphviz"),
                svg.err());
        assertEquals(Main.BAD_INPUT, CliTest.run("graph", "--layers", "2,3,1", "--format", "gif", "--out",
                out.toString()).code());
    }
}

package io.github.gradgraph.client;

import static io.github.gradgraph.graph.ops.Ops.add;
import static io.github.gradgraph.graph.ops.Ops.matmul;
import static io.github.gradgraph.graph.ops.Ops.mul;
import static io.github.gradgraph.graph.ops.Ops.oneMinus;
import static io.github.gradgraph.graph.ops.Ops.sigmoid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.Primitive;
import io.github.gradgraph.graph.ShapeException;
import io.github.gradgraph.graph.autodiff.ValueAndGrad;
import io.github.gradgraph.graph.check.PrimitiveCheck;
import io.github.gradgraph.graph.check.PrimitiveCheckReport;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import io.github.gradgraph.graph.expr.FormulaFunctions;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The README's primitive of one's own, verbatim between the markers: Swish-β with a learnable β, checked, trained. */
class ReadmeCustomPrimitiveTest {
    // --- README primitive begins ---
    /** Swish-β, x·σ(β·x), with β a learnable 1×1. ∂/∂x = s + βx·s(1 − s), ∂/∂β = x²·s(1 − s), s = σ(βx). */
    record SwishBeta() implements Primitive {
        public String name() { return "swish_beta"; }
        public int arity() { return 2; }

        public Shape inferShape(List<Node> in) {                     // runs when the node is made
            if (!in.get(1).shape().isScalar()) {
                throw new ShapeException("swish_beta: β must be 1×1, got " + in.get(1).describe());
            }
            return in.get(0).shape();
        }

        public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {     // fill out; allocate nothing
            double beta = in[1].data[0];
            for (int i = 0; i < out.data.length; i++) {
                double x = in[0].data[i];
                out.data[i] = x / (1 + Math.exp(-beta * x));
            }
        }

        public Node[] vjp(Node out, Node g) {                        // builds nodes, so it has a gradient too
            Node x = out.input(0), beta = out.input(1);
            Node s = sigmoid(mul(beta, x)), ds = mul(s, oneMinus(s));
            return new Node[] {
                mul(g, add(s, mul(mul(beta, x), ds))),                  // ∂J/∂x
                mul(g, mul(mul(x, x), ds))};                            // ∂J/∂β: n×m, the engine sums it to 1×1
        }
    }
    // --- README primitive ends ---

    @Test
    void swishBeta_isChecked_registered_andTrainsItsBeta() {
        // --- README check begins ---
        PrimitiveCheckReport report = PrimitiveCheck.of(new SwishBeta())
                .input(Shape.of(4, 6), -4, 4)                        // x: shape, and the interval values come from
                .input(Shape.of(1, 1), 0.2, 3)                       // β
                .run();                                              // 20 random points, orders 1 and 2
        System.out.print(report.table());                           // assertTrue(report.passed(), report::table)
        FormulaFunctions.register(new SwishBeta());                  // swish_beta(x, beta) in formulas, derive, eval
        // --- README check ends ---
        try {
            assertTrue(report.passed(), report::table);
            assertEquals(4, report.rows().size());
            report.rows().forEach(r -> assertEquals(20 * (r.operand() == 0 ? 24 : 1), r.checked(), report::table));
            Formula f = FormulaParser.parse("mean(swish_beta(Z, b))", Map.of("Z", Shape.of(2, Dim.M)),
                    Shape.SCALAR);
            double value = Compiler.compile(f.result()).run(Map.of("Z", new DMatrixRMaj(2, 1, true, 1, -1),
                    "b", new DMatrixRMaj(1, 1, true, 2))).scalar(f.result());
            assertEquals((1 / (1 + Math.exp(-2)) - 1 / (1 + Math.exp(2))) / 2, value, 1e-15);

            // --- README training begins ---
            Dataset data = Datasets.moons(300, 0.1, 3);
            Graph g = new Graph();
            Node X = g.input("X", 2, Dim.M), Y = g.input("Y", 1, Dim.M);
            Node W1 = g.parameter("W1", 16, 2), b1 = g.parameter("b1", 16, 1), beta = g.parameter("beta", 1, 1);
            Node W2 = g.parameter("W2", 1, 16), b2 = g.parameter("b2", 1, 1);
            Node A1 = g.apply(new SwishBeta(), add(matmul(W1, X), b1), beta);  // the new primitive as a layer
            Node Z2 = add(matmul(W2, A1), b2);
            Node J = LossKind.BCE.build(Z2, sigmoid(Z2), Y);

            ParameterStore params = Initializer.zeros(Initializer.HE.initialize(new ParameterStore(), 1, W1, W2),
                    b1, b2);
            params.set(beta, new DMatrixRMaj(1, 1, true, 1.0));               // start as SiLU
            ValueAndGrad vg = ValueAndGrad.of(J, W1, b1, beta, W2, b2);       // dβ derived through the VJP
            Optimizer adam = Optimizers.create("adam", 0.02);
            var feeds = Map.of("X", data.x(), "Y", data.targets(1));
            for (int step = 0; step < 400; step++) {
                adam.update(params, vg.run(feeds, params));
            }
            System.out.println("J = " + vg.run(feeds, params).value() + ", β = " + params.get(beta).get(0, 0));
            // --- README training ends ---
            double learned = params.get(beta).get(0, 0);
            assertTrue(Math.abs(learned - 1.0) > 0.05, "β did not move: " + learned);
            Node a2Node = sigmoid(Z2);
            DMatrixRMaj a2 = Compiler.compile(a2Node).run(Map.of("X", data.x()), params).copy(a2Node);
            double accuracy = Metrics.accuracy(a2, data.labels());
            assertTrue(accuracy > 0.95, "accuracy " + accuracy);
        } finally {
            FormulaFunctions.unregister("swish_beta");
        }
    }

    @Test
    void theReadmeShowsThisCode_verbatim() throws java.io.IOException {
        String self = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/test/java/io/github/gradgraph/client/ReadmeCustomPrimitiveTest.java"));
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        for (String part : List.of("primitive", "check", "training")) {
            String code = self.split("// --- README " + part + " begins ---\n")[1]
                    .split("\n\s*// --- README " + part + " ends ---")[0];
            int indent = code.length() - code.stripLeading().length();
            String shown = code.lines().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertTrue(readme.contains(shown), "README.md must show, verbatim:\n" + shown);
        }
    }
}

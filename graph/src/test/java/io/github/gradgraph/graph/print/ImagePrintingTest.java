package io.github.gradgraph.graph.print;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Ancestors;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import io.github.gradgraph.graph.ops.ImageOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The convolution and pooling ops in print: forward calls with the keywords that parse back to the same window,
 * gradient ops by their names (conv2dᵀ, conv2d_dW, channel_sum, maxpoolᵀ, avgpoolᵀ), in Unicode and LaTeX; and
 * derive's lines for a conv layer and a pool layer in the seed's notation, whose values are the engine's gradients.
 * The round-trip property prints its seed; {@code -Dgradgraph.seed=…} reruns a failure.
 */
class ImagePrintingTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());
    private static final Map<String, Shape> CONV = Map.of("A0", Shape.of(140, Dim.M), "W1", Shape.of(2, 36),
            "b1", Shape.of(2, 1));
    private static final String CONV_LAYER = "Z1 = conv2d(A0, W1, b1, image=[5,7,4], f=3, stride=2, pad=1)\n";

    private static Derivation derive(String src, Map<String, Shape> shapes, String... wrt) {
        Formula f = FormulaParser.parse(src, shapes, Shape.of(1, Dim.M));
        List<Node> vars = new ArrayList<>();
        for (String w : wrt) {
            vars.add(f.node(w));
        }
        return Derivation.of(f.result(), vars, Map.of());
    }

    @Test
    void derive_convLayer_printsDZ_dW_db_dA() {
        assertEquals("Z[1] = conv2d(A[0], W[1], b[1], image=[5,7,4], f=3, stride=2, pad=1)\n"
                + "J = Σ Z[1]\n\n"
                + "dZ[1] = 1\n"
                + "dA[0] = conv2dᵀ(dZ[1], W[1])\n"
                + "dW[1] = conv2d_dW(A[0], dZ[1])\n"
                + "db[1] = channel_sum(dZ[1])\n",
                derive(CONV_LAYER + "J = sum(Z1)", CONV, "A0", "W1", "b1").format(Notation.UNICODE));
    }

    @Test
    void derive_convReluPoolLayer_perSampleAsTheSeed_withTheMeanInFrontOfTheRequested() {
        Derivation d = derive(CONV_LAYER + "A1 = relu(Z1)\nP1 = maxpool(A1, image=[3,4,2], f=2, stride=1)\n"
                + "J = mean(sum(P1 * P1, 0))", CONV, "W1", "b1", "A0");
        assertLinesAreTheGradients(d, 4, 6);
        assertEquals("Z[1] = conv2d(A[0], W[1], b[1], image=[5,7,4], f=3, stride=2, pad=1)\n"
                + "A[1] = relu(Z[1])\n"
                + "P[1] = maxpool(A[1], image=[3,4,2], f=2, stride=1)\n"
                + "J = (1/m)·Σ Σrows P[1]²\n\n"
                + "dP[1] = 2·P[1]\n"
                + "dA[1] = maxpoolᵀ(A[1], dP[1])\n"
                + "dZ[1] = dA[1] ⊙ 1[Z[1] > 0]\n"
                + "dA[0] = (1/m)·conv2dᵀ(dZ[1], W[1])\n"
                + "dW[1] = (1/m)·conv2d_dW(A[0], dZ[1])\n"
                + "db[1] = (1/m)·channel_sum(dZ[1])\n", d.format(Notation.UNICODE));
    }

    @Test
    void derive_avgPoolLayer_printsItsSpread() {
        Derivation d = derive("P1 = avgpool(A1, image=[5,5,3], f=2, pad=same)\nJ = mean(sum(P1 * P1, 0))",
                Map.of("A1", Shape.of(75, Dim.M)), "A1");
        assertLinesAreTheGradients(d, 2, 2);
        assertEquals("P[1] = avgpool(A[1], image=[5,5,3], f=2, pad=same)\n"
                + "J = (1/m)·Σ Σrows P[1]²\n\n"
                + "dP[1] = 2·P[1]\n"
                + "dA[1] = (1/m)·avgpoolᵀ(dP[1])\n", d.format(Notation.UNICODE));
    }

    @Test
    void derive_latex_writesTransposedOpsWithATopAndKeywordsAsText() {
        String latex = derive(CONV_LAYER + "P1 = maxpool(Z1, image=[3,4,2], f=2, stride=1)\nJ = mean(sum(P1, 0))",
                CONV, "W1", "b1", "A0").format(Notation.LATEX);
        assertEquals("Z^{[1]} = \\operatorname{conv2d}\\left(A^{[0]}, W^{[1]}, b^{[1]}, \\text{image}=[5,7,4], f=3, "
                + "\\text{stride}=2, \\text{pad}=1\\right) \\\\\n"
                + "P^{[1]} = \\operatorname{maxpool}\\left(Z^{[1]}, \\text{image}=[3,4,2], f=2, "
                + "\\text{stride}=1\\right) \\\\\n"
                + "J = \\frac{1}{m} \\sum \\sum_{\\text{rows}} P^{[1]} \\\\\n"
                + "\\\\\n"
                + "dP^{[1]} = 1 \\\\\n"
                + "dZ^{[1]} = \\operatorname{maxpool}^{\\top}\\left(Z^{[1]}, dP^{[1]}\\right) \\\\\n"
                + "dA^{[0]} = \\frac{1}{m} \\operatorname{conv2d}^{\\top}\\left(dZ^{[1]}, W^{[1]}\\right) \\\\\n"
                + "dW^{[1]} = \\frac{1}{m} \\operatorname{conv2d\\_dW}\\left(A^{[0]}, dZ^{[1]}\\right) \\\\\n"
                + "db^{[1]} = \\frac{1}{m} \\operatorname{channel\\_sum}\\left(dZ^{[1]}\\right) \\\\\n", latex);
    }

    @Test
    void gradientOps_printByTheirNames() {
        Graph g = new Graph();
        ConvGeometry geo = ConvGeometry.of(5, 7, 4, 3, 2, 1);
        Node a = g.input("A0", 140, Dim.M);
        Node w = g.input("W1", Shape.of(2, 36));
        Node dz = g.input("dZ1", Shape.of(24, Dim.M));
        ExpressionPrinter p = new ExpressionPrinter(Notation.UNICODE, n -> null);
        assertEquals("conv2dᵀ(dZ[1], W[1])", p.print(ImageOps.conv2dInputGrad(dz, w, geo)));
        assertEquals("conv2d_dW(A[0], dZ[1])", p.print(ImageOps.conv2dFilterGrad(a, dz, geo)));
        assertEquals("channel_sum(dZ[1])", p.print(ImageOps.channelSum(dz, 2)));
        ConvGeometry pool = ConvGeometry.of(5, 7, 4, 2, 2, 0);
        Node dp = g.input("dP1", Shape.of(24, Dim.M));
        assertEquals("maxpoolᵀ(A[0], dP[1])", p.print(ImageOps.maxPoolScatter(a, dp, pool)));
        assertEquals("maxpool_at(A[0], X)", p.print(ImageOps.maxPoolGather(a, g.input("X", 140, Dim.M), pool)));
        assertEquals("avgpoolᵀ(dP[1])", p.print(ImageOps.avgPoolGrad(dp, pool)));
        assertEquals("maxpool(A[0], image=[5,7,4], f=2)", p.print(ImageOps.maxPool(a, pool)));
        assertEquals("avgpool(A[0], image=[5,7,4], f=2, stride=1, pad=same)", // Keras's odd pixel bottom/right
                p.print(ImageOps.avgPool(a, new ConvGeometry(5, 7, 4, 2, 1, 0, 0, 1, 1))));
        assertEquals("avgpool(A[0], image=[5,7,4], f=2, stride=1, pad=[1,0,0,1])",
                p.print(ImageOps.avgPool(a, new ConvGeometry(5, 7, 4, 2, 1, 1, 0, 0, 1))));
        ExpressionPrinter latex = new ExpressionPrinter(Notation.LATEX, n -> null);
        assertEquals("\\operatorname{avgpool}^{\\top}\\left(dP^{[1]}\\right)", latex.print(ImageOps.avgPoolGrad(dp,
                pool)));
    }

    /** A geometry the formula language accepts, drawn from the numbers: pooling pads at most f/2. */
    private static ConvGeometry geometry(int h, int w, int c, int f, int stride, int padKind, boolean pooling) {
        int most = pooling ? f / 2 : f - 1;
        for (int side = f; ; side--) {
            stride = Math.min(stride, Math.max(Math.max(h, w), side)); // the language's bound on the stride
            try {
                int limit = pooling ? side / 2 : side - 1;
                return switch (padKind % 3) {
                    case 0 -> ConvGeometry.of(h, w, c, side, stride, Math.min(padKind / 3, limit));
                    case 1 -> ConvGeometry.same(h, w, c, side, stride);
                    default -> new ConvGeometry(h, w, c, side, stride, Math.min(padKind / 3, limit), 0,
                            Math.min(1, limit), Math.min(padKind / 6, limit));
                };
            } catch (IllegalArgumentException doesNotFit) {
                if (side == 1 || most < 0) {
                    throw doesNotFit;
                }
            }
        }
    }

    @Test
    void printedForwardCalls_parseBackToTheSameOp() {
        System.out.println("ImagePrintingTest seed " + SEED);
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 9), integers().between(1, 9), integers().between(0, 3 * 5 * 3 * 12 - 1))
                .checkAssert((h, w, salt) -> {
                    int c = 1 + salt % 3;
                    int f = 1 + salt / 3 % 5;
                    int stride = 1 + salt / 15 % 3;
                    int padKind = salt / 45;
                    for (int kind = 0; kind < 3; kind++) {
                        ConvGeometry geo = geometry(h, w, c, f, stride, padKind, kind > 0);
                        Graph g = new Graph();
                        Node a = g.input("A", h * w * c, Dim.M);
                        Node weights = g.input("W", Shape.of(2, geo.patch()));
                        Node bias = g.input("b", Shape.of(2, 1));
                        Node made = kind == 0 ? ImageOps.conv2d(a, weights, padKind % 2 == 0 ? bias : null, geo)
                                : kind == 1 ? ImageOps.maxPool(a, geo) : ImageOps.avgPool(a, geo);
                        String text = new ExpressionPrinter(Notation.UNICODE, n -> null).print(made);
                        Node back = FormulaParser.parse(text, Map.of("A", a.shape(), "W", weights.shape(), "b",
                                bias.shape()), Shape.SCALAR).result();
                        assertEquals(made.op(), back.op(), text + " (seed " + SEED + ")");
                        assertEquals(made.shape(), back.shape(), text);
                    }
                });
    }

    /**
     * Evaluates every derived line, feeding each symbol dN the engine's gradient (times m for a per-sample one), and
     * checks it is that gradient: the requested ones exactly ∂J/∂x, the others per the symbol's convention.
     */
    private static void assertLinesAreTheGradients(Derivation d, int m, int lines) {
        Random r = new Random(27);
        Map<String, DMatrixRMaj> feeds = new HashMap<>();
        for (Node leaf : Ancestors.of(List.of(d.loss()))) {
            if (leaf.op() instanceof io.github.gradgraph.graph.Input) {
                DMatrixRMaj v = new DMatrixRMaj(leaf.shape().rows().isSymbolic() ? m : leaf.shape().rows().size(),
                        leaf.shape().cols().isSymbolic() ? m : leaf.shape().cols().size());
                for (int i = 0; i < v.data.length; i++) {
                    v.data[i] = r.nextGaussian();
                }
                feeds.put(leaf.label(), v);
            }
        }
        Map<Node, Derivation.Symbol> symbols = d.symbols();
        for (Map.Entry<Node, Derivation.Symbol> s : symbols.entrySet()) {
            Node grad = Autodiff.gradient(d.loss(), s.getValue().forward());
            DMatrixRMaj v = Compiler.compile(grad).run(only(feeds, grad)).get(grad).copy();
            if (s.getValue().perSample()) {
                org.ejml.dense.row.CommonOps_DDRM.scale(m, v);
            }
            feeds.put(s.getKey().label(), v);
        }
        int checked = 0;
        for (Derivation.Equation e : d.equations()) {
            if (!e.gradient()) {
                continue;
            }
            Node want = Autodiff.gradient(d.loss(), e.of());
            DMatrixRMaj expected = Compiler.compile(want).run(only(feeds, want)).get(want).copy();
            boolean perSample = symbols.values().stream().anyMatch(s -> s.forward() == e.of() && s.perSample())
                    && !d.variables().contains(e.of());
            if (perSample) {
                org.ejml.dense.row.CommonOps_DDRM.scale(m, expected);
            }
            DMatrixRMaj got = Compiler.compile(e.rhs()).run(only(feeds, e.rhs())).get(e.rhs());
            if (got.getNumElements() == 1 && expected.getNumElements() > 1) { // a broadcast constant such as dP = 1
                continue;
            }
            assertArrayEquals(values(expected), values(got), 1e-12, e.lhs());
            checked++;
        }
        assertEquals(lines, checked, "lines checked");
    }

    /** @return the matrix's values (a program's buffer may be longer than its matrix) */
    private static double[] values(DMatrixRMaj m) {
        return java.util.Arrays.copyOf(m.data, m.getNumElements());
    }

    private static Map<String, DMatrixRMaj> only(Map<String, DMatrixRMaj> feeds, Node root) {
        Map<String, DMatrixRMaj> out = new HashMap<>();
        for (Node n : Ancestors.of(List.of(root))) {
            if (n.inputs().isEmpty() && feeds.containsKey(n.label())) {
                out.put(n.label(), feeds.get(n.label()));
            }
        }
        return out;
    }
}

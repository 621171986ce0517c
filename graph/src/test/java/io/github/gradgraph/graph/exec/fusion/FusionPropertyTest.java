package io.github.gradgraph.graph.exec.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.core.Backends;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Gemm;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Losses;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.rewrite.Rewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Every fusion rule against the unfused program: random networks of the classic shape (Z = W·A + b, relu, leaky
 * relu, tanh or σ hidden layers, BCE, softmax cross-entropy or MSE, gradients derived and simplified as the trainer
 * does), plus each rule's other operand orders, compiled fused and unfused and run on the same values, on every GEMM
 * backend. Values and gradients must agree to 1e-12 relative, and every rule must have fired.
 */
class FusionPropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());
    private static final int EXAMPLES = 120;

    @Test
    void everyStandardRule_hasARowHere() {
        List<String> standard = Fuser.standard().rules().stream().map(FusionRule::name).sorted().toList();
        assertEquals(List.of(new MaskedProduct().name(), new BiasIntoGemm().name(), new ScaleIntoGemm().name())
                .stream().sorted().toList(), standard, "a new fusion rule needs its patterns in this test");
    }

    @Test
    void fusedPrograms_equalTheUnfused_onEveryBackend() {
        System.out.println("FusionPropertyTest seed " + SEED);
        Gemm original = MatMul.backend();
        Map<String, Integer> fired = new TreeMap<>();
        AtomicInteger ran = new AtomicInteger();
        List<Gemm> backends = Backends.available();
        try {
            for (Gemm g : backends) {
                MatMul.setBackend(g);
                qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                        .forAll(integers().between(1, 3), integers().between(1, 60), integers().between(0, 1 << 20))
                        .checkAssert((depth, m, salt) -> {
                            check(depth, m, new Random(SEED + 7919L * salt + depth), g, fired);
                            ran.incrementAndGet();
                        });
            }
        } finally {
            MatMul.setBackend(original);
        }
        System.out.println("FusionPropertyTest ran " + ran.get() + " examples; fusions fired " + fired);
        assertTrue(backends.size() >= 2, "at least a native or Java BLAS and EJML: " + backends);
        assertTrue(ran.get() >= (EXAMPLES - 10) * backends.size(), "too few examples ran: " + ran.get());
        for (FusionRule rule : Fuser.standard().rules()) {
            assertTrue(fired.getOrDefault(rule.name(), 0) >= 30, rule.name() + " fired too rarely: " + fired);
        }
    }

    private static void check(int depth, int m, Random r, Gemm backend, Map<String, Integer> fired) {
        Graph graph = new Graph();
        int[] dims = new int[depth + 1];
        for (int l = 0; l <= depth; l++) {
            dims[l] = r.nextInt(4) == 0 ? 1 + r.nextInt(80) : 1 + r.nextInt(12);
        }
        int kind = r.nextInt(3); // 0: σ + BCE, 1: softmax cross-entropy, 2: identity + MSE
        if (kind == 1 && dims[depth] == 1) {
            dims[depth] = 2;
        }
        Node x = graph.input("X", dims[0], Dim.M);
        Node y = graph.input("Y", dims[depth], Dim.M);
        ParameterStore store = new ParameterStore();
        List<Node> params = new ArrayList<>();
        Node a = x;
        Node firstProduct = null;
        for (int l = 1; l <= depth; l++) {
            Node w = param(graph, store, params, "W" + l, dims[l], dims[l - 1], r);
            Node b = param(graph, store, params, "b" + l, dims[l], 1, r);
            Node product = Ops.matmul(w, a);
            firstProduct = firstProduct == null ? product : firstProduct;
            Node z = r.nextBoolean() ? Ops.add(product, b) : Ops.add(b, product);
            if (l < depth) {
                a = switch (r.nextInt(4)) {
                    case 0 -> Ops.relu(z);
                    case 1 -> Ops.leakyRelu(z, 0.1);
                    case 2 -> Ops.tanh(z);
                    default -> Ops.sigmoid(z);
                };
            } else {
                a = z;
            }
        }
        Node j = switch (kind) {
            case 0 -> Losses.binaryCrossEntropyWithLogits(a, y);
            case 1 -> Losses.softmaxCrossEntropy(a, y);
            default -> Losses.mse(a, y);
        };
        Rewriter.Session rewrite = Rewriter.standard().session();
        Node jr = rewrite.rewrite(List.of(j)).outputs().get(0);
        List<Node> outputs = new ArrayList<>();
        outputs.add(jr);
        outputs.addAll(rewrite.rewrite(Autodiff.gradients(jr, params)).outputs());
        // The rules' other operand orders and forms, on products of the same operands.
        Node s = param(graph, store, params, "s", 1, 1, r);
        Node w1 = params.get(0);
        outputs.add(Ops.scale(Ops.matmul(w1, x), 0.5));
        outputs.add(r.nextBoolean() ? Ops.mul(s, Ops.matmul(w1, x)) : Ops.mul(Ops.matmul(w1, x), s));
        outputs.add(Ops.div(Ops.matmul(w1, x, false, false), Ops.size(x, 1)));
        Node z1 = Ops.matmul(w1, x);
        Node up = Ops.exp(Ops.matmul(w1, x)); // 1, not 0, where the step sits on its kink
        outputs.add(r.nextBoolean() ? Ops.mul(Ops.step(z1), up) : Ops.mul(up, Ops.step(z1, 0.1, 1.0)));
        outputs.add(Ops.add(Ops.matmul(x, Ops.transpose(x), false, false), s)); // a 1×1 bias
        outputs.add(Ops.add(firstProduct, Functions.mean(y, 0))); // a row bias; product read twice: no fusion there

        Program fused = Compiler.compileAsWritten(outputs);
        Program unfused = Compiler.compileUnfused(outputs);
        assertTrue(unfused.fusions().isEmpty());
        for (String f : fused.fusions()) {
            fired.merge(f, 1, Integer::sum);
        }
        assertTrue(fused.stepCount() < unfused.stepCount(), "the fusions removed no step: " + fused.fusions());
        DMatrixRMaj xv = random(dims[0], m, r, 1.0);
        int zeroColumn = r.nextInt(m); // W·X is exactly 0 there: the derivative's kink is taken as the unfused one
        for (int i = 0; i < dims[0]; i++) {
            xv.set(i, zeroColumn, 0.0);
        }
        Map<String, DMatrixRMaj> feeds = Map.of("X", xv, "Y", labels(dims[depth], m, kind, r));
        Values vf = fused.run(feeds, store);
        Values vu = unfused.run(feeds, store);
        for (Node out : outputs) {
            DMatrixRMaj f = vf.get(out);
            DMatrixRMaj u = vu.get(out);
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < u.getNumElements(); i++) {
                diff = Math.max(diff, Math.abs(f.data[i] - u.data[i]));
                norm = Math.max(norm, Math.abs(u.data[i]));
            }
            assertTrue(diff <= 1e-12 * Math.max(norm, 1e-300) || diff == 0, backend.name() + ": " + out.describe()
                    + " differs by " + diff + " (max |value| " + norm + "); fusions " + fused.fusions());
        }
    }

    private static Node param(Graph g, ParameterStore store, List<Node> params, String name, int rows, int cols,
            Random r) {
        Node p = g.parameter(name, rows, cols);
        store.set(p, random(rows, cols, r, 1.0 / Math.sqrt(cols)));
        params.add(p);
        return p;
    }

    private static DMatrixRMaj random(int rows, int cols, Random r, double scale) {
        DMatrixRMaj v = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < v.getNumElements(); i++) {
            v.data[i] = scale * r.nextGaussian();
        }
        return v;
    }

    private static DMatrixRMaj labels(int rows, int m, int kind, Random r) {
        DMatrixRMaj y = new DMatrixRMaj(rows, m);
        for (int j = 0; j < m; j++) {
            if (kind == 1) {
                y.set(r.nextInt(rows), j, 1.0);
            } else {
                for (int i = 0; i < rows; i++) {
                    y.set(i, j, kind == 0 ? (r.nextBoolean() ? 1.0 : 0.0) : r.nextGaussian());
                }
            }
        }
        return y;
    }
}

package io.github.gradgraph.graph.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.RandomGraphs;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Rewriting preserves values: on random graphs and their gradients, every output after the standard rewrite equals
 * the output before to 1e-12 (relative to the magnitude) wherever the original is finite.
 */
class RewriteValuePropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());

    @Test
    void standardRewrite_preservesValues() {
        System.out.println("RewriteValuePropertyTest seed " + SEED);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger fired = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(320)
                .forAll(integers().between(1, 30), integers().between(1, 6), integers().between(0, 1 << 20))
                .checkAssert((ops, n, salt) -> {
                    ran.incrementAndGet();
                    fired.addAndGet(check(ops, n, new Random(SEED * 7 + salt * 31L + ops)));
                });
        System.out.println("RewriteValuePropertyTest ran " + ran.get() + " examples; rules fired " + fired.get());
        assertTrue(ran.get() >= 300);
        assertTrue(fired.get() > 0, "the random graphs must exercise the rules");
    }

    private static int check(int ops, int n, Random r) {
        RandomGraphs.Case c = RandomGraphs.make(ops, n, r);
        Node j = Ops.sum(c.last());
        List<Node> outputs = new ArrayList<>();
        outputs.add(j);
        outputs.add(c.last());
        outputs.addAll(Autodiff.gradients(j, c.params()));
        Rewriter.Result result = Rewriter.standard().rewrite(outputs);
        GraphValidator.validate(c.graph());
        for (int i = 0; i < outputs.size(); i++) {
            assertTrue(feeds(outputs.get(i)).containsAll(feeds(result.outputs().get(i))),
                    "a rewrite added an input dependency to output " + i + "\n" + result.report());
        }
        int m = 1 + r.nextInt(7);
        Map<String, DMatrixRMaj> feeds = Map.of("X", RandomGraphs.matrix(n, m, r));
        Values before = Compiler.compileUnfused(outputs).run(feeds, c.store());
        DMatrixRMaj[] expected = new DMatrixRMaj[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            expected[i] = before.copy(outputs.get(i));
        }
        Values after = Compiler.compileUnfused(result.outputs()).run(feeds, c.store());
        for (int i = 0; i < outputs.size(); i++) {
            DMatrixRMaj got = after.get(result.outputs().get(i));
            assertEquals(expected[i].getNumElements(), got.getNumElements());
            for (int k = 0; k < got.getNumElements(); k++) {
                double e = expected[i].data[k];
                double a = got.data[k];
                if (Double.isFinite(e)) {
                    double tol = 1e-12 * Math.max(1, Math.abs(e));
                    int index = i;
                    assertTrue(Math.abs(a - e) <= tol, () -> "output " + index + " entry: " + e + " became " + a
                            + " after\n" + result.report());
                }
            }
        }
        return result.report().fired().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return the labels of the inputs {@code n} depends on */
    static java.util.Set<String> feeds(Node n) {
        java.util.Set<String> s = new java.util.TreeSet<>();
        for (Node a : io.github.gradgraph.graph.Ancestors.of(List.of(n))) {
            if (a.op() instanceof io.github.gradgraph.graph.Input) {
                s.add(a.label());
            }
        }
        return s;
    }
}

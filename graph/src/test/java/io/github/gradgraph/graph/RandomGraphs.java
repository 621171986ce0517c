package io.github.gradgraph.graph;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Random graphs for property tests: an input X (n×m), parameters W, b, c, and a chain of random operations over
 * everything made so far, including forms the rewrite rules target (double transposes, products with 1, sums with 0,
 * double negation, constants).
 */
public final class RandomGraphs {
    /** A generated graph with its parameter values. */
    public record Case(Graph graph, ParameterStore store, Node x, List<Node> params, List<Node> pool) {
        /** @return the last node made */
        public Node last() {
            return pool.get(pool.size() - 1);
        }
    }

    private RandomGraphs() {
    }

    /** @return a graph of {@code ops} random operations over an n-row input */
    public static Case make(int ops, int n, Random r) {
        Graph g = new Graph();
        ParameterStore store = new ParameterStore();
        Node x = g.input("X", n, Dim.M);
        Node w = g.parameter("W", 1 + r.nextInt(5), n);
        Node b = g.parameter("b", w.shape().rows().size(), 1);
        Node c = g.parameter("c", 1, 1);
        for (Node p : List.of(w, b, c)) {
            store.set(p, matrix(p.shape().rows().size(), p.shape().cols().size(), r));
        }
        List<Node> pool = new ArrayList<>(List.of(x, w, b, c, g.constant(0.5)));
        for (int i = 0; i < ops; i++) {
            pool.add(op(g, pool, r));
        }
        return new Case(g, store, x, List.of(w, b, c), pool);
    }

    private static Node op(Graph g, List<Node> pool, Random r) {
        Node a = pool.get(r.nextInt(pool.size()));
        for (int attempt = 0; attempt < 20; attempt++) {
            switch (r.nextInt(14)) {
                case 0: return Ops.tanh(a);
                case 1: return Ops.sigmoid(a);
                case 2: return Ops.scale(Ops.relu(a), 0.5);
                case 3: return Ops.transpose(a);
                case 4: return Ops.sum(a, r.nextInt(2));
                case 5: {
                    Node b = pool.get(r.nextInt(pool.size()));
                    if (Shape.broadcast(a.shape(), b.shape()) != null) {
                        return r.nextBoolean() ? Ops.add(a, b) : r.nextBoolean() ? Ops.mul(a, b) : Ops.sub(a, b);
                    }
                    break;
                }
                case 6: {
                    Node b = pool.get(r.nextInt(pool.size()));
                    if (a.shape().cols().equals(b.shape().rows())) {
                        return Ops.matmul(a, b);
                    }
                    if (a.shape().rows().equals(b.shape().rows())) {
                        return Ops.matmul(a, b, true, false);
                    }
                    break;
                }
                case 7: return Ops.softplus(Ops.neg(a));
                case 8: return Ops.max(a, r.nextInt(2));
                case 9: return Ops.transpose(Ops.transpose(a));
                case 10: return Ops.mul(a, g.constant(1.0));
                case 11: return Ops.add(Ops.neg(Ops.neg(a)), g.constant(0.0));
                case 12: {
                    Node b = pool.get(r.nextInt(pool.size()));
                    if (a.shape().rows().equals(b.shape().cols())) {
                        return Ops.matmul(Ops.transpose(a), Ops.transpose(b));
                    }
                    break;
                }
                default: return Ops.scale(Ops.shift(Ops.neg(a), 1.0), -2.0);
            }
            a = pool.get(r.nextInt(pool.size()));
        }
        return Ops.tanh(a);
    }

    /** @return a matrix of uniform values in [−1, 1] */
    public static DMatrixRMaj matrix(int rows, int cols, Random r) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = 2 * r.nextDouble() - 1;
        }
        return m;
    }
}

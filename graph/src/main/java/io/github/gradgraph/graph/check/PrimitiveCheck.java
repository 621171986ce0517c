package io.github.gradgraph.graph.check;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.Primitive;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.ops.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks a {@link Primitive} of your own — as PyTorch's {@code gradcheck}/{@code gradgradcheck} check an
 * {@code autograd.Function} — at random points of a domain you give for each operand:
 *
 * <ul>
 *   <li>first order: for J = ⟨v, f(x₀, x₁, …)⟩ with a random v, its VJP against central differences of J;</li>
 *   <li>second order: for K = Σᵢ⟨wᵢ, ∂J/∂xᵢ⟩ (a Hessian-vector product built from the VJP's own nodes), ∂K/∂xⱼ
 *       against differences of K — so a VJP built from differentiable nodes is checked to be differentiable
 *       correctly, as higher-order uses (gradient penalties, Newton steps) need;</li>
 *   <li>the kernel's contract: it fills every element of its output (the buffer is reused and holds stale values),
 *       leaves its inputs as they were, and the shape rule and the VJP's contributions have the shapes they
 *       must.</li>
 * </ul>
 *
 * <pre>{@code
 * PrimitiveCheckReport r = PrimitiveCheck.of(new SwishBeta())
 *         .input(Shape.of(4, 6), -4, 4)      // x: its shape and the interval its values are drawn from
 *         .input(Shape.of(1, 1), 0.2, 3)     // β
 *         .run();
 * assertTrue(r.passed(), r::table);
 * }</pre>
 *
 * <p>Differences use {@link GradientChecker#defaults()}; a point whose ±ε neighbours fall on different pieces of a
 * piecewise primitive is a kink, counted and not compared ({@link Primitive#branch}). Not thread-safe; each
 * {@code with…} returns a new check.
 */
public final class PrimitiveCheck {
    private final Primitive op;
    private final List<Shape> shapes;
    private final List<double[]> ranges;
    private final int trials;
    private final long seed;
    private final boolean secondOrder;
    private final GradientChecker checker;

    private PrimitiveCheck(Primitive op, List<Shape> shapes, List<double[]> ranges, int trials, long seed,
            boolean secondOrder, GradientChecker checker) {
        this.op = op;
        this.shapes = shapes;
        this.ranges = ranges;
        this.trials = trials;
        this.seed = seed;
        this.secondOrder = secondOrder;
        this.checker = checker;
    }

    /** @return a check of {@code op}: 20 random points, first and second order, seed 1; add its inputs next */
    public static PrimitiveCheck of(Primitive op) {
        Objects.requireNonNull(op, "the primitive to check");
        return new PrimitiveCheck(op, List.of(), List.of(), 20, 1, true, GradientChecker.defaults());
    }

    /**
     * Adds the next operand.
     *
     * @param shape its shape (concrete: a number of rows and columns)
     * @param low   values are drawn uniformly from [low, high]
     * @param high  greater than low, both finite
     * @return the check with this operand added
     */
    public PrimitiveCheck input(Shape shape, double low, double high) {
        Objects.requireNonNull(shape, "shape");
        if (shape.rows().isSymbolic() || shape.cols().isSymbolic()) {
            throw new IllegalArgumentException("a primitive check needs concrete shapes; give m a size, got " + shape);
        }
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("an input's domain must be finite with low < high, got [" + low + ", "
                    + high + "]");
        }
        List<Shape> s = new ArrayList<>(shapes);
        s.add(shape);
        List<double[]> r = new ArrayList<>(ranges);
        r.add(new double[] {low, high});
        return new PrimitiveCheck(op, List.copyOf(s), List.copyOf(r), trials, seed, secondOrder, checker);
    }

    /** @return the check at {@code n} ≥ 1 random points */
    public PrimitiveCheck trials(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a primitive check needs at least 1 trial, got " + n);
        }
        return new PrimitiveCheck(op, shapes, ranges, n, seed, secondOrder, checker);
    }

    /** @return the check drawing its points from this seed (the report names it, so a failure reproduces) */
    public PrimitiveCheck seed(long newSeed) {
        return new PrimitiveCheck(op, shapes, ranges, trials, newSeed, secondOrder, checker);
    }

    /** @return the check of the first order only, for a VJP built from nodes that are not differentiable */
    public PrimitiveCheck firstOrderOnly() {
        return new PrimitiveCheck(op, shapes, ranges, trials, seed, false, checker);
    }

    /** @return the check comparing with another gradient checker (a larger eps, other tolerances) */
    public PrimitiveCheck using(GradientChecker newChecker) {
        return new PrimitiveCheck(op, shapes, ranges, trials, seed, secondOrder,
                Objects.requireNonNull(newChecker, "checker"));
    }

    /**
     * Runs the check.
     *
     * @return the report; never throws for a faulty primitive (a failing shape rule, kernel or VJP is a finding)
     * @throws IllegalArgumentException when the number of inputs given is not the primitive's arity
     */
    public PrimitiveCheckReport run() {
        if (shapes.size() != op.arity()) {
            throw new IllegalArgumentException(op.name() + " takes " + op.arity() + " operand(s); the check gives "
                    + shapes.size() + " (add each with input(shape, low, high))");
        }
        PrimitiveCheckReport.Builder report = new PrimitiveCheckReport.Builder(op.name(), trials, seed,
                shapes.size());
        Random random = new Random(seed);
        for (int t = 0; t < trials && !report.broken(); t++) {
            trial(random, report);
        }
        return report.build();
    }

    private void trial(Random random, PrimitiveCheckReport.Builder report) {
        Graph g = new Graph();
        ParameterStore store = new ParameterStore();
        Node[] xs = new Node[shapes.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = g.parameter("x" + i, shapes.get(i).rows().size(), shapes.get(i).cols().size());
            store.set(xs[i], draw(shapes.get(i), ranges.get(i), random));
        }
        Node f;
        try {
            f = g.apply(op, xs);
        } catch (GraphException | IllegalArgumentException e) {
            report.problem("the shape rule rejects operands of shapes " + shapes + ": " + e.getMessage());
            return;
        }
        if (!contract(f, store, report)) {
            return;
        }
        Node j = Ops.sum(Ops.mul(g.constant(draw(f.shape(), new double[] {-1, 1}, random)), f));
        List<Node> vars = List.of(xs);
        List<Node> grads;
        try {
            grads = Autodiff.gradients(j, vars);
        } catch (RuntimeException e) {
            report.problem("the VJP failed: " + e.getMessage());
            return;
        }
        report.add(1, checker.check(j, vars, null, store));
        if (!secondOrder) {
            return;
        }
        Node k = null;
        for (Node grad : grads) {
            Node term = Ops.sum(Ops.mul(g.constant(draw(grad.shape(), new double[] {-1, 1}, random)), grad));
            k = k == null ? term : Ops.add(k, term);
        }
        try {
            report.add(2, checker.check(k, vars, null, store));
        } catch (RuntimeException e) {
            report.problem("the VJP's nodes cannot be differentiated (use firstOrderOnly() if that is intended): "
                    + e.getMessage());
        }
    }

    /** @return false when the kernel broke its contract (reported) */
    private boolean contract(Node f, ParameterStore store, PrimitiveCheckReport.Builder report) {
        Shape s = f.shape();
        DMatrixRMaj[] in = new DMatrixRMaj[shapes.size()];
        DMatrixRMaj[] before = new DMatrixRMaj[in.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = store.get(f.input(i)).copy();
            before[i] = in[i].copy();
        }
        DMatrixRMaj clean = new DMatrixRMaj(s.rows().size(), s.cols().size());
        DMatrixRMaj stale = new DMatrixRMaj(s.rows().size(), s.cols().size());
        Arrays.fill(stale.data, Double.NaN);
        try {
            op.forward(in, clean);
            op.forward(in, stale);
        } catch (RuntimeException e) {
            report.problem("the kernel threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
        for (int i = 0; i < in.length; i++) {
            if (!Arrays.equals(in[i].data, before[i].data)) {
                report.problem("the kernel modified its input " + i + "; inputs must not be modified");
                return false;
            }
        }
        for (int e = 0; e < clean.data.length; e++) {
            if (Double.compare(clean.data[e], stale.data[e]) != 0) {
                report.problem("the kernel did not write every element of its output (element " + e + " keeps what "
                        + "the buffer held before); outputs are reused buffers and must be filled");
                return false;
            }
        }
        return true;
    }

    private static DMatrixRMaj draw(Shape s, double[] range, Random random) {
        DMatrixRMaj m = new DMatrixRMaj(s.rows().size(), s.cols().size());
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = range[0] + (range[1] - range[0]) * random.nextDouble();
        }
        return m;
    }
}

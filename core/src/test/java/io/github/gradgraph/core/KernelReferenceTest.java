package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Every public kernel against a plain reference, over random shapes. The kernels checked are counted against the
 * public static methods of the kernel classes, so a new kernel cannot go untested.
 */
class KernelReferenceTest {
    private static final Class<?>[] KERNELS = {BroadcastOps.class, UnaryOps.class, Derivatives.class,
        Reductions.class, MatMul.class, Softmax.class, Finite.class, FusedOps.class,
        ParallelOps.class};
    private final Set<String> checked = new TreeSet<>();
    private final Random random = new Random(42);

    @Test
    void everyKernel_matchesItsReference() {
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + random.nextInt(9);
            int m = 1 + random.nextInt(9);
            checkBroadcast(n, m);
            checkUnary(n, m);
            checkReductions(n, m);
            checkMatMul(n, m, 1 + random.nextInt(9));
            checkSoftmax(n, m);
            checkFinite(n, m);
            checkFused(n, m, 1 + random.nextInt(9));
        }
        checkParallelOps();
        Set<String> declared = new TreeSet<>();
        for (Class<?> c : KERNELS) {
            for (Method method : c.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())
                        && !method.getName().equals("backend") && !method.getName().equals("setBackend")
                        && !method.getName().equals("checkShapes")) {
                    declared.add(c.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertEquals(declared, checked, "every kernel needs a reference check here");
        System.out.println("kernels checked against references: " + checked.size());
    }

    private void checkBroadcast(int n, int m) {
        int[][] cases = {{n, m, n, m}, {n, m, n, 1}, {n, 1, n, m}, {n, m, 1, m}, {1, m, n, m}, {n, m, 1, 1},
            {1, 1, n, m}, {n, 1, 1, m}};
        for (int[] c : cases) {
            DMatrixRMaj a = rand(c[0], c[1]);
            DMatrixRMaj b = rand(c[2], c[3]);
            for (int d = 0; d < b.getNumElements(); d++) {
                b.data[d] = b.data[d] >= 0 ? b.data[d] + 0.5 : b.data[d] - 0.5;
            }
            DMatrixRMaj out = new DMatrixRMaj(n, m);
            BroadcastOps.add(a, b, out);
            compareBroadcast(a, b, out, (x, y) -> x + y, "add");
            BroadcastOps.sub(a, b, out);
            compareBroadcast(a, b, out, (x, y) -> x - y, "sub");
            BroadcastOps.mul(a, b, out);
            compareBroadcast(a, b, out, (x, y) -> x * y, "mul");
            BroadcastOps.div(a, b, out);
            compareBroadcast(a, b, out, (x, y) -> x / y, "div");
        }
        assertThrows(IllegalArgumentException.class,
                () -> BroadcastOps.add(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 3), new DMatrixRMaj(2, 3)));
    }

    private void compareBroadcast(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out,
            java.util.function.DoubleBinaryOperator f, String name) {
        for (int i = 0; i < out.numRows; i++) {
            for (int j = 0; j < out.numCols; j++) {
                double x = a.get(a.numRows == 1 ? 0 : i, a.numCols == 1 ? 0 : j);
                double y = b.get(b.numRows == 1 ? 0 : i, b.numCols == 1 ? 0 : j);
                assertEquals(f.applyAsDouble(x, y), out.get(i, j), 0.0, name);
            }
        }
        checked.add("BroadcastOps." + name);
    }

    private void checkUnary(int n, int m) {
        DMatrixRMaj a = rand(n, m);
        DMatrixRMaj pos = rand(n, m);
        for (int d = 0; d < pos.getNumElements(); d++) {
            pos.data[d] = Math.abs(pos.data[d]) + 0.1;
        }
        DMatrixRMaj out = new DMatrixRMaj(n, m);
        unary("UnaryOps.neg", a, out, x -> -x, () -> UnaryOps.neg(a, out));
        unary("UnaryOps.scale", a, out, x -> 2.5 * x, () -> UnaryOps.scale(2.5, a, out));
        unary("UnaryOps.shift", a, out, x -> x - 1.5, () -> UnaryOps.shift(-1.5, a, out));
        unary("UnaryOps.exp", a, out, Math::exp, () -> UnaryOps.exp(a, out));
        unary("UnaryOps.log", pos, out, Math::log, () -> UnaryOps.log(pos, out));
        unary("UnaryOps.sqrt", pos, out, Math::sqrt, () -> UnaryOps.sqrt(pos, out));
        unary("UnaryOps.pow", pos, out, x -> Math.pow(x, 1.7), () -> UnaryOps.pow(pos, 1.7, out));
        unary("UnaryOps.abs", a, out, Math::abs, () -> UnaryOps.abs(a, out));
        unary("UnaryOps.sign", a, out, Math::signum, () -> UnaryOps.sign(a, out));
        unary("UnaryOps.tanh", a, out, Math::tanh, () -> UnaryOps.tanh(a, out));
        unary("UnaryOps.sigmoid", a, out, x -> 1 / (1 + Math.exp(-x)), () -> UnaryOps.sigmoid(a, out));
        unary("UnaryOps.softplus", a, out, x -> Math.log(1 + Math.exp(x)), () -> UnaryOps.softplus(a, out));
        unary("UnaryOps.relu", a, out, x -> Math.max(x, 0), () -> UnaryOps.relu(a, out));
        unary("UnaryOps.leakyRelu", a, out, x -> x > 0 ? x : 0.1 * x, () -> UnaryOps.leakyRelu(0.1, a, out));
        unary("UnaryOps.step", a, out, x -> x > 0 ? 3 : -1, () -> UnaryOps.step(-1, 3, a, out));
        unary("Derivatives.sigmoid", a, out, x -> Math.exp(-x) / Math.pow(1 + Math.exp(-x), 2),
                () -> Derivatives.sigmoid(a, out));
        unary("Derivatives.tanh", a, out, x -> 1 / Math.pow(Math.cosh(x), 2), () -> Derivatives.tanh(a, out));
        unary("Derivatives.relu", a, out, x -> x > 0 ? 1 : 0, () -> Derivatives.relu(a, out));
        unary("Derivatives.leakyRelu", a, out, x -> x > 0 ? 1 : 0.2, () -> Derivatives.leakyRelu(0.2, a, out));
        unary("Derivatives.softplus", a, out, x -> 1 / (1 + Math.exp(-x)), () -> Derivatives.softplus(a, out));
        // The scalar forms stay finite and exact where the naive formulas overflow.
        assertEquals(1.0, UnaryOps.sigmoid(800), 0.0);
        assertEquals(0.0, UnaryOps.sigmoid(-800), 0.0);
        assertEquals(800.0, UnaryOps.softplus(800), 0.0);
        assertEquals(Math.exp(-800), UnaryOps.softplus(-800), 0.0);
        checked.add("UnaryOps.sigmoid");
        checked.add("UnaryOps.softplus");
    }

    private void unary(String name, DMatrixRMaj a, DMatrixRMaj out, DoubleUnaryOperator ref, Runnable kernel) {
        kernel.run();
        for (int d = 0; d < a.getNumElements(); d++) {
            double expected = ref.applyAsDouble(a.data[d]);
            assertEquals(expected, out.data[d], 1e-14 * (1 + Math.abs(expected)), name + " at " + a.data[d]);
        }
        checked.add(name);
    }

    private void checkReductions(int n, int m) {
        DMatrixRMaj a = rand(n, m);
        double total = 0;
        double squares = 0;
        for (int d = 0; d < a.getNumElements(); d++) {
            total += a.data[d];
            squares += a.data[d] * a.data[d];
        }
        assertEquals(total, Reductions.sumAll(a), 1e-12);
        assertEquals(squares, Reductions.sumOfSquares(a.data, 0, a.getNumElements()), 1e-12); // see SumOfSquaresTest
        DMatrixRMaj col = new DMatrixRMaj(n, 1);
        DMatrixRMaj row = new DMatrixRMaj(1, m);
        int[] argCol = new int[n];
        int[] argRow = new int[m];
        Reductions.sumAcrossColumns(a, col);
        Reductions.maxAcrossColumns(a, new DMatrixRMaj(n, 1), argCol);
        for (int i = 0; i < n; i++) {
            double s = 0;
            int best = 0;
            for (int j = 0; j < m; j++) {
                s += a.get(i, j);
                best = a.get(i, j) > a.get(i, best) ? j : best;
            }
            assertEquals(s, col.get(i, 0), 1e-12);
            assertEquals(best, argCol[i]);
        }
        Reductions.sumAcrossRows(a, row);
        DMatrixRMaj maxRow = new DMatrixRMaj(1, m);
        Reductions.maxAcrossRows(a, maxRow, argRow);
        for (int j = 0; j < m; j++) {
            double s = 0;
            int best = 0;
            for (int i = 0; i < n; i++) {
                s += a.get(i, j);
                best = a.get(i, j) > a.get(best, j) ? i : best;
            }
            assertEquals(s, row.get(0, j), 1e-12);
            assertEquals(best, argRow[j]);
            assertEquals(a.get(best, j), maxRow.get(0, j), 0.0);
        }
        checked.add("Reductions.sumAll");
        checked.add("Reductions.sumOfSquares");
        checked.add("Reductions.sumAcrossColumns");
        checked.add("Reductions.sumAcrossRows");
        checked.add("Reductions.maxAcrossColumns");
        checked.add("Reductions.maxAcrossRows");
        // ties go to the first; a NaN displaces nothing after the first position
        DMatrixRMaj ties = new DMatrixRMaj(new double[][] {{1, 3, 3}, {Double.NaN, 2, 2}, {0, Double.NaN, 5}});
        assertEquals(1, Reductions.firstArgMax(ties, 1, 0));
        assertEquals(0, Reductions.firstArgMax(ties, 1, 1));
        assertEquals(2, Reductions.firstArgMax(ties, 1, 2));
        assertEquals(0, Reductions.firstArgMax(ties, 0, 0));
        assertEquals(0, Reductions.firstArgMax(ties, 0, 1));
        assertEquals(2, Reductions.firstArgMax(ties, 0, 2));
        checked.add("Reductions.firstArgMax");
    }

    private void checkMatMul(int n, int m, int k) {
        DMatrixRMaj a = rand(n, k);
        DMatrixRMaj b = rand(k, m);
        DMatrixRMaj expected = new DMatrixRMaj(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a.get(i, p) * b.get(p, j);
                }
                expected.set(i, j, s);
            }
        }
        DMatrixRMaj at = transpose(a);
        DMatrixRMaj bt = transpose(b);
        DMatrixRMaj c = new DMatrixRMaj(n, m);
        MatMul.mult(a, b, c);
        close(expected, c, "MatMul.mult");
        MatMul.multTransA(at, b, c);
        close(expected, c, "MatMul.multTransA");
        MatMul.multTransB(a, bt, c);
        close(expected, c, "MatMul.multTransB");
        MatMul.multTransAB(at, bt, c);
        close(expected, c, "MatMul.multTransAB");
        c.zero();
        MatMul.mult(true, true, at, bt, c);
        close(expected, c, "MatMul.mult");
        DMatrixRMaj acc = rand(n, m);
        DMatrixRMaj want = new DMatrixRMaj(n, m);
        for (int i = 0; i < want.getNumElements(); i++) {
            want.data[i] = 0.5 * expected.data[i] - 2.0 * acc.data[i];
        }
        MatMul.gemm(0.5, true, false, at, b, -2.0, acc);
        close(want, acc, "MatMul.gemm");
        DMatrixRMaj wrongInner = rand(k + 1, m);
        assertThrows(IllegalArgumentException.class, () -> MatMul.mult(a, wrongInner, c));
    }

    /** Each fused kernel against its unfused chain of kernels. */
    private void checkFused(int n, int m, int k) {
        DMatrixRMaj a = rand(n, k);
        DMatrixRMaj b = rand(k, m);
        DMatrixRMaj product = new DMatrixRMaj(n, m);
        MatMul.mult(a, b, product);
        int[][] biasShapes = {{n, 1}, {1, m}, {1, 1}, {n, m}};
        for (int[] bs : biasShapes) {
            DMatrixRMaj bias = rand(bs[0], bs[1]);
            DMatrixRMaj expected = new DMatrixRMaj(n, m);
            BroadcastOps.add(product, bias, expected);
            DMatrixRMaj c = new DMatrixRMaj(n, m);
            c.fill(Double.NaN);
            FusedOps.biasGemm(1.0, false, false, a, b, bias, c);
            close(expected, c, "FusedOps.biasGemm");
            DMatrixRMaj spread = new DMatrixRMaj(n, m);
            BroadcastOps.add(new DMatrixRMaj(n, m), bias, expected);
            FusedOps.broadcastInto(bias, spread);
            close(expected, spread, "FusedOps.broadcastInto");
        }
        DMatrixRMaj z = rand(n, m);
        z.set(0, 0, 0.0); // the kink belongs to "below", as in the unfused step
        DMatrixRMaj x = rand(n, m);
        for (double[] slopes : new double[][] {{0.0, 1.0}, {0.1, 1.0}}) {
            DMatrixRMaj mask = new DMatrixRMaj(n, m);
            UnaryOps.step(slopes[0], slopes[1], z, mask);
            DMatrixRMaj expected = new DMatrixRMaj(n, m);
            BroadcastOps.mul(x, mask, expected);
            DMatrixRMaj out = new DMatrixRMaj(n, m);
            FusedOps.stepProduct(slopes[0], slopes[1], x, z, out);
            close(expected, out, "FusedOps.stepProduct");
        }
        assertThrows(IllegalArgumentException.class, () -> FusedOps.broadcastInto(rand(n + 1, 2), product));
    }

    /** Sizes on both sides of the split threshold; a non-finite value in every part of the range is found. */
    private void checkParallelOps() {
        int t = ParallelOps.PARALLEL_ELEMENTS;
        for (int size : new int[] {1, 17, t - 1, t, t + 1, 4 * t + 3}) {
            DMatrixRMaj x = rand(1, size);
            DMatrixRMaj y = rand(1, size);
            DMatrixRMaj expected = y.copy();
            for (int i = 0; i < size; i++) {
                expected.data[i] += -0.37 * x.data[i];
            }
            ParallelOps.addEquals(y, -0.37, x);
            assertEquals(0, java.util.stream.IntStream.range(0, size)
                    .filter(i -> expected.data[i] != y.data[i]).count(), "ParallelOps.addEquals at " + size);
            assertTrue(ParallelOps.allFinite(x));
            for (int at : new int[] {0, size / 2, size - 1}) {
                for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY}) {
                    double keep = x.data[at];
                    x.data[at] = bad;
                    assertTrue(!ParallelOps.allFinite(x), bad + " at " + at + " of " + size + " not found");
                    x.data[at] = keep;
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ParallelOps.addEquals(rand(2, 2), 1.0, rand(1, 3)));
        checked.add("ParallelOps.addEquals");
        checked.add("ParallelOps.allFinite");
    }

    @Test
    void branchFreeSelections_matchTheBranchyDefinition_atTheEdges() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
            1e-300, -1e-300, 1.0, -1.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 3.5, -2.25};
        DMatrixRMaj z = new DMatrixRMaj(1, edges.length, true, edges);
        DMatrixRMaj out = new DMatrixRMaj(1, edges.length);
        DMatrixRMaj x = new DMatrixRMaj(1, edges.length);
        x.fill(2.0);
        UnaryOps.step(0.25, 4.0, z, out);
        for (int i = 0; i < edges.length; i++) {
            assertEquals(edges[i] > 0 ? 4.0 : 0.25, out.data[i], 0.0, "step at " + edges[i]);
        }
        FusedOps.stepProduct(0.25, 4.0, x, z, out);
        for (int i = 0; i < edges.length; i++) {
            assertEquals(edges[i] > 0 ? 8.0 : 0.5, out.data[i], 0.0, "stepProduct at " + edges[i]);
        }
        UnaryOps.relu(z, out);
        for (int i = 0; i < edges.length; i++) {
            assertEquals(edges[i] > 0 ? edges[i] : 0.0, out.data[i], 0.0, "relu at " + edges[i]);
        }
        UnaryOps.leakyRelu(0.5, z, out);
        for (int i = 0; i < edges.length; i++) {
            assertEquals(edges[i] > 0 ? edges[i] : 0.5 * edges[i], out.data[i], 0.0, "leakyRelu at " + edges[i]);
        }
        DMatrixRMaj nan = new DMatrixRMaj(1, 1, true, Double.NaN);
        DMatrixRMaj one = new DMatrixRMaj(1, 1);
        for (Runnable k : new Runnable[] {() -> UnaryOps.relu(nan, one), () -> UnaryOps.leakyRelu(0.1, nan, one),
            () -> UnaryOps.step(0, 1, nan, one)}) {
            k.run();
            assertTrue(Double.isNaN(one.data[0]), "NaN must stay NaN, not be hidden as 0");
        }
    }

    private void checkSoftmax(int n, int m) {
        DMatrixRMaj a = rand(n, m);
        a.set(0, 0, 700.0); // would overflow a naive exp
        DMatrixRMaj lse = new DMatrixRMaj(1, m);
        DMatrixRMaj sm = new DMatrixRMaj(n, m);
        DMatrixRMaj lsm = new DMatrixRMaj(n, m);
        Softmax.logSumExp(a, lse);
        Softmax.softmax(a, sm);
        Softmax.logSoftmax(a, lsm);
        for (int j = 0; j < m; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, a.get(i, j));
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.exp(a.get(i, j) - max);
            }
            double ref = max + Math.log(s);
            assertEquals(ref, lse.get(0, j), 1e-12 * Math.abs(ref) + 1e-14);
            double total = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(a.get(i, j) - ref, lsm.get(i, j), 1e-12 * (1 + Math.abs(ref)));
                assertEquals(Math.exp(a.get(i, j) - ref), sm.get(i, j), 1e-14);
                total += sm.get(i, j);
            }
            assertEquals(1.0, total, 1e-12);
        }
        checked.add("Softmax.logSumExp");
        checked.add("Softmax.softmax");
        checked.add("Softmax.logSoftmax");
    }

    private void checkFinite(int n, int m) {
        DMatrixRMaj a = rand(n, m);
        assertEquals(true, Finite.all(a));
        assertEquals(-1, Finite.first(a));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            int at = random.nextInt(n * m);
            a.data[at] = bad;
            assertEquals(false, Finite.all(a), "missed " + bad + " at " + at);
            assertEquals(at, Finite.first(a));
            a.data[at] = 0.5;
        }
        a.data[0] = Double.MAX_VALUE; // huge but finite: x·0 is still 0
        assertEquals(true, Finite.all(a));
        checked.add("Finite.all");
        checked.add("Finite.first");
    }

    private void close(DMatrixRMaj expected, DMatrixRMaj actual, String name) {
        for (int d = 0; d < expected.getNumElements(); d++) {
            assertEquals(expected.data[d], actual.data[d], 1e-12 * (1 + Math.abs(expected.data[d])), name);
        }
        checked.add(name);
    }

    private static DMatrixRMaj transpose(DMatrixRMaj a) {
        DMatrixRMaj t = new DMatrixRMaj(a.numCols, a.numRows);
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                t.set(j, i, a.get(i, j));
            }
        }
        return t;
    }

    private DMatrixRMaj rand(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int d = 0; d < m.getNumElements(); d++) {
            m.data[d] = -3 + 6 * random.nextDouble();
        }
        return m;
    }
}

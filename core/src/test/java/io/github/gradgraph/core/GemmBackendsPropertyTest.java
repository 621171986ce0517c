package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Every GEMM backend — native OpenBLAS and netlib's Java kernels — against EJML's products to 1e-12 relative, over
 * shapes and all four transposed forms, on one thread and split across two (the split path is forced with a pool of
 * two threads on large enough products).
 */
class GemmBackendsPropertyTest {
    static final long SEED = Long.getLong("gradgraph.seed", System.nanoTime());
    private static final Gemm EJML = new EjmlGemm();
    private static final boolean NATIVE_PLATFORM = System.getProperty("os.name").startsWith("Linux")
            && List.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch"));
    private static final List<Gemm> BACKENDS = backends();

    static List<Gemm> backends() {
        // EJML itself is the reference of the shape tests; its α, β forms are checked against the definition.
        MatMul.backend(); // the native library is resolved first, as in every gradgraph JVM
        NativeOpenBlas.Loaded nat = NativeOpenBlas.load();
        BLAS java = dev.ludovic.netlib.blas.JavaBLAS.getInstance();
        List<Gemm> all = new ArrayList<>(List.of(new NetlibGemm(java, "java", new Parallel(1)),
                new NetlibGemm(java, "java", new Parallel(2))));
        if (NATIVE_PLATFORM && "native".equals(System.getProperty("gradgraph.gemm", "native"))) {
            assertNotNull(nat.blas(), "native OpenBLAS must load on Linux x86-64 and ARM64: " + nat.failure());
        }
        if (nat.blas() != null) {
            all.add(new NetlibGemm(nat.blas(), "native", new Parallel(1)));
            all.add(new NetlibGemm(nat.blas(), "native", new Parallel(2)));
        }
        all.add(new EjmlGemm());
        return all;
    }

    @Test
    void defaultBackend_isNativeOpenBlas_unlessAnotherIsAsked() {
        String asked = System.getProperty("gradgraph.gemm", "native");
        String name = MatMul.backend().name();
        System.out.println("default backend " + name + " " + Backends.report());
        switch (asked) {
            case "native" -> assertTrue(!NATIVE_PLATFORM || name.startsWith("OpenBLAS") && name.contains("(native"),
                    name);
            case "vector" -> assertTrue(name.contains("Java"), name);
            case "ejml" -> assertEquals("ejml", name);
            default -> assertNotNull(name);
        }
    }

    @Test
    void everyBackend_equalsEjml_overShapesAndTransposes() {
        System.out.println("GemmBackendsPropertyTest seed " + SEED);
        AtomicInteger ran = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(260)
                .forAll(integers().between(1, 70), integers().between(1, 70), integers().between(1, 70),
                        integers().between(0, 3))
                .checkAssert((m, n, k, form) -> {
                    check(m, n, k, form, new Random(SEED + m * 31L + n * 7L + k + form * 101L));
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= 250);
        Random r = new Random(SEED);
        for (int form = 0; form < 4; form++) {
            check(160, 150, 140, form, r); // over the split threshold: both threads work
            check(1, 300, 7000, form, r); // one row of C: split by columns
            check(20, 1500, 209, form, r); // wide C (the cat network's dW[1]): split by columns
            check(1500, 3, 400, form, r); // tall C: split by rows
            check(20, 209, 4000, form, r); // k dwarfs C (the cat network's W[1]·X): split along k
            check(3, 400, 2000, form, r);
        }
    }

    private static void check(int m, int n, int k, int form, Random r) {
        boolean ta = (form & 1) != 0;
        boolean tb = (form & 2) != 0;
        DMatrixRMaj a = random(ta ? k : m, ta ? m : k, r);
        DMatrixRMaj b = random(tb ? n : k, tb ? k : n, r);
        DMatrixRMaj expected = new DMatrixRMaj(m, n);
        run(EJML, ta, tb, a, b, expected);
        for (Gemm g : BACKENDS) {
            DMatrixRMaj c = new DMatrixRMaj(m, n);
            c.fill(Double.NaN); // the result must not depend on C's old contents
            run(g, ta, tb, a, b, c);
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < c.getNumElements(); i++) {
                diff = Math.max(diff, Math.abs(c.data[i] - expected.data[i]));
                norm = Math.max(norm, Math.abs(expected.data[i]));
            }
            double rel = diff / Math.max(norm, 1e-300);
            assertTrue(rel <= 1e-12, g.name() + " " + m + "×" + n + "×" + k + " form " + form + ": relative " + rel);
        }
    }

    @Test
    void everyBackend_alphaAndBeta_matchTheDefinition() {
        Random r = new Random(SEED + 1);
        AtomicInteger ran = new AtomicInteger();
        qt().withFixedSeed(SEED + 1).withExamples(120)
                .forAll(integers().between(1, 90), integers().between(1, 90), integers().between(1, 90),
                        integers().between(0, 15))
                .checkAssert((m, n, k, kind) -> {
                    int form = kind & 3;
                    int betaKind = kind >> 2;
                    boolean ta = (form & 1) != 0;
                    boolean tb = (form & 2) != 0;
                    double alpha = 0.25 + r.nextDouble();
                    double beta = new double[] {0.0, 1.0, -0.5, 2.0}[betaKind];
                    int depth = kind % 3 == 0 ? 3000 + k : k; // a third of the products split along k
                    DMatrixRMaj a = random(ta ? depth : m, ta ? m : depth, r);
                    DMatrixRMaj b = random(tb ? n : depth, tb ? depth : n, r);
                    DMatrixRMaj c0 = random(m, n, r);
                    if (beta == 0.0) {
                        c0.fill(Double.NaN); // ignored with β = 0, as in BLAS
                    }
                    DMatrixRMaj product = new DMatrixRMaj(m, n);
                    run(EJML, ta, tb, a, b, product);
                    for (Gemm g : BACKENDS) {
                        DMatrixRMaj c = c0.copy();
                        g.gemm(alpha, ta, tb, a, b, beta, c);
                        for (int i = 0; i < c.getNumElements(); i++) {
                            double want = alpha * product.data[i] + (beta == 0.0 ? 0.0 : beta * c0.data[i]);
                            double scale = Math.abs(alpha * product.data[i])
                                    + (beta == 0.0 ? 0.0 : Math.abs(beta * c0.data[i]));
                            assertTrue(Math.abs(c.data[i] - want) <= 1e-12 * Math.max(scale, 1.0),
                                    g.name() + " " + m + "×" + n + "×" + depth + " form " + form + " β " + beta);
                        }
                    }
                    ran.incrementAndGet();
                });
        assertTrue(ran.get() >= 110);
    }

    private static void run(Gemm g, boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (ta && tb) {
            g.multTransAB(a, b, c);
        } else if (ta) {
            g.multTransA(a, b, c);
        } else if (tb) {
            g.multTransB(a, b, c);
        } else {
            g.mult(a, b, c);
        }
    }

    private static DMatrixRMaj random(int rows, int cols, Random r) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = r.nextGaussian();
        }
        return x;
    }
}

package io.github.gradgraph.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The float32 program's per-run passes — rounding feeds and parameters to float, widening outputs to float64,
 * checking float outputs for NaN and ∞ — split across the {@link Parallel#shared() shared pool} from
 * {@link ParallelOps#PARALLEL_ELEMENTS} elements, as the float64 passes are; smaller ones run on the caller. Nothing
 * is allocated: each thread keeps its own reusable job.
 */
public final class ParallelPrecision {
    private static final int GRAIN = 1 << 10;
    private static final ThreadLocal<Job> JOB = ThreadLocal.withInitial(Job::new);

    private ParallelPrecision() {
    }

    /**
     * out = (float) a, rounded to nearest; see {@link Precision#narrow}. @param a Not modified. @param out Modified.
     */
    public static void narrow(DMatrixRMaj a, FMatrixRMaj out) {
        if (a.getNumElements() < ParallelOps.PARALLEL_ELEMENTS) {
            Precision.narrow(a, out);
            return;
        }
        Precision.check(a.numRows, a.numCols, out.numRows, out.numCols);
        run(Kind.NARROW, a.data, out.data, a.getNumElements());
    }

    /** out = (double) a, exactly. @param a Not modified. @param out Modified. */
    public static void widen(FMatrixRMaj a, DMatrixRMaj out) {
        if (a.getNumElements() < ParallelOps.PARALLEL_ELEMENTS) {
            Precision.widen(a, out);
            return;
        }
        Precision.check(a.numRows, a.numCols, out.numRows, out.numCols);
        run(Kind.WIDEN, out.data, a.data, a.getNumElements());
    }

    /** @return true when no element of {@code m} is NaN or infinite. @param m Not modified. */
    public static boolean allFinite(FMatrixRMaj m) {
        if (m.getNumElements() < ParallelOps.PARALLEL_ELEMENTS) {
            return Precision.allFinite(m);
        }
        return run(Kind.FINITE, null, m.data, m.getNumElements());
    }

    private static boolean run(Kind kind, double[] wide, float[] narrow, int n) {
        Job job = JOB.get();
        job.kind = kind;
        job.wide = wide;
        job.narrow = narrow;
        job.finite = true;
        try {
            Parallel.shared().split(n, GRAIN, job);
            return job.finite;
        } finally {
            job.wide = null;
            job.narrow = null;
        }
    }

    private enum Kind { NARROW, WIDEN, FINITE }

    private static final class Job implements Parallel.RangeJob {
        private Kind kind;
        private double[] wide;
        private float[] narrow;
        private volatile boolean finite;

        @Override
        public void run(int from, int to) {
            switch (kind) {
                case NARROW -> Precision.narrow(wide, narrow, from, to);
                case WIDEN -> Precision.widen(narrow, wide, from, to);
                default -> {
                    if (!Precision.allFinite(narrow, from, to)) {
                        finite = false;
                    }
                }
            }
        }
    }
}

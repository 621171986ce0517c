package io.github.gradgraph.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one job over disjoint row ranges on the calling thread and persistent helper threads, one per extra core,
 * without allocating per call: each helper waits on its own slot, the caller hands out ranges, does the first
 * itself and waits for the rest. Not reentrant: one split runs at a time (calls are serialized).
 */
final class RowSplitter {
    /** A job over rows [from, to). */
    interface RangeJob {
        void run(int from, int to);
    }

    private final Helper[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread waiter;

    RowSplitter(int threads) {
        helpers = new Helper[Math.max(0, threads - 1)];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper("gradgraph-gemm-" + (i + 1));
            helpers[i].start();
        }
    }

    /** @return the number of threads a split uses, the caller included */
    int threads() {
        return helpers.length + 1;
    }

    /** Runs {@code job} over [0, rows) split into contiguous ranges, one per thread. */
    synchronized void split(int rows, RangeJob job) {
        int parts = Math.min(threads(), rows);
        if (parts <= 1) {
            job.run(0, rows);
            return;
        }
        waiter = Thread.currentThread();
        pending.set(parts - 1);
        for (int p = 1; p < parts; p++) {
            helpers[p - 1].post(job, rows * p / parts, rows * (p + 1) / parts);
        }
        RuntimeException failure = null;
        try {
            job.run(0, rows / parts);
        } catch (RuntimeException e) {
            failure = e;
        }
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < 20_000) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 50_000);
            }
        }
        for (int p = 1; p < parts; p++) {
            RuntimeException e = helpers[p - 1].takeFailure();
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private final class Helper extends Thread {
        private volatile RangeJob job;
        private int from;
        private int to;
        private RuntimeException failure;

        Helper(String name) {
            super(name);
            setDaemon(true);
        }

        void post(RangeJob j, int f, int t) {
            from = f;
            to = t;
            job = j;
            LockSupport.unpark(this);
        }

        RuntimeException takeFailure() {
            RuntimeException e = failure;
            failure = null;
            return e;
        }

        @Override
        public void run() {
            int spins = 0;
            while (true) {
                RangeJob j = job;
                if (j == null) {
                    if (++spins < 20_000) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                    continue;
                }
                spins = 0;
                try {
                    j.run(from, to);
                } catch (RuntimeException e) {
                    failure = e;
                }
                job = null;
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(waiter);
                }
            }
        }
    }
}

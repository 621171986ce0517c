package io.github.gradgraph.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one owner of gradgraph's extra cores: a bounded pool of persistent, named daemon helper threads shared by every
 * kernel that splits its work (large matrix products, large elementwise passes). A split runs contiguous ranges on
 * the calling thread and the helpers without allocating; each helper waits on its own slot.
 *
 * <p>Sane when shared: one split runs at a time, and a caller that finds the pool busy (another thread of the JVM is
 * splitting, e.g. several training tasks in one process, or a range of a split calling a kernel that splits) runs its
 * whole range on its own thread instead of waiting.
 * Any {@link Throwable} thrown by a range — on a helper or on the caller — reaches the caller after every range has
 * finished; the pool stays usable. The size comes from {@code -Dgradgraph.threads=N} (default: every available
 * core); {@link #shutdown()} stops the helpers for embedders that unload gradgraph; a later split starts new ones.
 */
public final class Parallel {
    /** A job over the index range [from, to). */
    public interface RangeJob {
        void run(int from, int to);
    }

    private static String configurationNote;
    private static final Parallel SHARED = new Parallel(configuredThreads());

    private final int threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private Helper[] helpers;
    private volatile Thread waiter;

    /**
     * A pool of its own, for measuring thread configurations; gradgraph's kernels use {@link #shared()}.
     *
     * @param threads threads a split uses, the caller included; at least 1
     */
    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a pool needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
    }

    /** @return the pool every gradgraph kernel shares */
    public static Parallel shared() {
        return SHARED;
    }

    /** @return why the configured size was not used, or null when it was (reported by {@link Backends#report()}) */
    static String configurationNote() {
        return configurationNote;
    }

    /** @return the number of threads a split uses, the caller included */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code job} over [0, n) split into {@code min(threads, parts)} contiguous ranges of whole
     * multiples of {@code grain}, one per thread; on the calling thread alone when the pool has one thread, when
     * {@code n} is too small to split or when another split is running — including one this thread started, whose
     * range is calling back (a convolution's tiles, each a large product): the helpers are still running its other
     * ranges, and a nested split would hand them a second job over the first.
     *
     * @param n     the range's length
     * @param grain ranges start at multiples of this (e.g. a row length), at least 1
     * @param job   the work; not null
     */
    public void split(int n, int grain, RangeJob job) {
        int units = (n + grain - 1) / grain;
        int parts = Math.min(threads, units);
        // the lock is reentrant: tryLock alone would let the splitting thread start a second split over busy helpers
        if (parts <= 1 || lock.isHeldByCurrentThread() || !lock.tryLock()) {
            job.run(0, n);
            return;
        }
        try {
            runSplit(n, grain, units, parts, job);
        } finally {
            lock.unlock();
        }
    }

    private void runSplit(int n, int grain, int units, int parts, RangeJob job) {
        Helper[] hs = helpers();
        waiter = Thread.currentThread();
        pending.set(parts - 1);
        for (int p = 1; p < parts; p++) {
            hs[p - 1].post(job, bound(p, parts, units, grain, n), bound(p + 1, parts, units, grain, n));
        }
        Throwable failure = null;
        try {
            job.run(0, bound(1, parts, units, grain, n));
        } catch (Throwable t) {
            failure = t;
        }
        awaitHelpers(hs, parts - 1);
        for (int p = 1; p < parts; p++) {
            Throwable t = hs[p - 1].takeFailure();
            if (failure == null) {
                failure = t;
            } else if (t != null && t != failure) {
                failure.addSuppressed(t);
            }
        }
        rethrow(failure);
    }

    private static int bound(int p, int parts, int units, int grain, int n) {
        return Math.min(n, (int) ((long) units * p / parts) * grain);
    }

    /** Waits for the posted ranges; a helper that died (it cannot, short of a JVM fault) is replaced, not awaited. */
    private void awaitHelpers(Helper[] hs, int posted) {
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < 20_000) {
                Thread.onSpinWait();
                continue;
            }
            LockSupport.parkNanos(this, 50_000);
            for (int i = 0; i < posted; i++) {
                if (!hs[i].isAlive() && hs[i].job != null) {
                    hs[i].failure = new IllegalStateException("gradgraph worker " + hs[i].getName() + " died");
                    hs[i].job = null;
                    hs[i] = newHelper(i);
                    pending.decrementAndGet();
                }
            }
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private Helper[] helpers() {
        if (helpers == null) {
            Helper[] hs = new Helper[threads - 1];
            for (int i = 0; i < hs.length; i++) {
                hs[i] = newHelper(i);
            }
            helpers = hs;
        }
        return helpers;
    }

    private Helper newHelper(int i) {
        Helper h = new Helper("gradgraph-worker-" + (i + 1));
        h.start();
        return h;
    }

    /** @return the number of helper threads alive now (0 before the first split and after {@link #shutdown()}) */
    public int liveHelpers() {
        lock.lock();
        try {
            int n = 0;
            for (Helper h : helpers == null ? new Helper[0] : helpers) {
                n += h.isAlive() ? 1 : 0;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the helper threads once no split is running; a later split starts new ones. For embedders that unload
     * gradgraph or count their threads; never needed for correctness (the helpers are daemon threads).
     */
    public void shutdown() {
        lock.lock();
        try {
            if (helpers != null) {
                for (Helper h : helpers) {
                    h.interrupt();
                }
                for (Helper h : helpers) {
                    h.joinQuietly();
                }
                helpers = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static int configuredThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String value = System.getProperty("gradgraph.threads");
        if (value == null || value.isBlank()) {
            return cores;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        configurationNote = "-Dgradgraph.threads=" + value + " is not a whole number ≥ 1; using " + cores;
        return cores;
    }

    private final class Helper extends Thread {
        private volatile RangeJob job;
        private int from;
        private int to;
        private Throwable failure;

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

        Throwable takeFailure() {
            Throwable t = failure;
            failure = null;
            return t;
        }

        void joinQuietly() {
            try {
                join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            int spins = 0;
            while (!isInterrupted()) {
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
                } catch (Throwable t) {
                    failure = t;
                }
                job = null;
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(waiter);
                }
            }
        }
    }
}

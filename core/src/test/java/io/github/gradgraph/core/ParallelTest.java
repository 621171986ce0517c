package io.github.gradgraph.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared worker pool: ranges cover the work once, failures reach the caller, no hang, no thread leak. */
class ParallelTest {
    @Test
    void split_coversEveryIndexOnce_inGrainAlignedRanges() {
        Parallel pool = new Parallel(3);
        for (int n : new int[] {0, 1, 2, 7, 64, 1000, 1001}) {
            for (int grain : new int[] {1, 4, 10}) {
                int[] hits = new int[n];
                pool.split(n, grain, (from, to) -> {
                    assertEquals(0, from % grain, "range start " + from + " is not a multiple of " + grain);
                    for (int i = from; i < to; i++) {
                        hits[i]++;
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits[i], "n " + n + " grain " + grain + " index " + i);
                }
            }
        }
        pool.shutdown();
    }

    @Test
    void errorInHelper_reachesCaller_andThePoolStillWorks() {
        Parallel pool = new Parallel(2);
        AssertionError boom = new AssertionError("injected");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 50; round++) {
                Throwable thrown = assertThrows(AssertionError.class, () -> pool.split(100, 1, (from, to) -> {
                    if (from > 0) {
                        throw boom; // only the helper's range fails
                    }
                }));
                assertSame(boom, thrown);
                AtomicInteger sum = new AtomicInteger();
                pool.split(100, 1, (from, to) -> sum.addAndGet(to - from));
                assertEquals(100, sum.get());
            }
            OutOfMemoryError oom = new OutOfMemoryError("injected on the caller");
            assertSame(oom, assertThrows(OutOfMemoryError.class, () -> pool.split(10, 1, (from, to) -> {
                if (from == 0) {
                    throw oom;
                }
            })));
        });
        pool.shutdown();
    }

    @Test
    void busyPool_runsTheWholeRangeOnTheCaller_insteadOfWaiting() throws Exception {
        Parallel pool = new Parallel(2);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> pool.split(2, 1, (from, to) -> {
            if (from == 0) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        holder.start();
        assertTrue(inside.await(10, java.util.concurrent.TimeUnit.SECONDS));
        Thread caller = Thread.currentThread();
        AtomicInteger ranges = new AtomicInteger();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> pool.split(1000, 1, (from, to) -> {
            assertEquals(0, from);
            assertEquals(1000, to);
            ranges.incrementAndGet();
        }));
        assertEquals(1, ranges.get());
        release.countDown();
        holder.join();
        assertTrue(caller.isAlive());
        pool.shutdown();
    }

    @Test
    void splitInsideTheCallersRange_runsOnTheCaller_andCoversEveryIndex() {
        // a kernel whose parts each call a split product (a convolution's tiles, each one large GEMM): the nested
        // split on the thread that holds the pool must not post to a helper that is still running its own part
        Parallel pool = new Parallel(2);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 10; round++) {
                int[] hits = new int[1000];
                AtomicInteger outer = new AtomicInteger();
                pool.split(2, 1, (from, to) -> {
                    if (from == 0) {
                        pool.split(hits.length, 1, (f, t) -> {
                            for (int i = f; i < t; i++) {
                                hits[i]++;
                            }
                        });
                    } else {
                        try {
                            Thread.sleep(20); // the helper is still busy when the caller's nested split starts
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    outer.addAndGet(to - from);
                });
                assertEquals(2, outer.get(), "round " + round);
                for (int i = 0; i < hits.length; i++) {
                    assertEquals(1, hits[i], "round " + round + " index " + i);
                }
            }
        });
        pool.shutdown();
    }

    @Test
    void helpers_areSharedStartedLazilyAndStoppedByShutdown() {
        Parallel pool = new Parallel(3);
        assertEquals(0, pool.liveHelpers());
        for (int i = 0; i < 20; i++) {
            pool.split(10, 1, (from, to) -> { });
        }
        assertEquals(2, pool.liveHelpers(), "one set of helpers, however many splits");
        pool.shutdown();
        assertEquals(0, pool.liveHelpers());
        AtomicInteger sum = new AtomicInteger();
        pool.split(10, 1, (from, to) -> sum.addAndGet(to - from));
        assertEquals(10, sum.get());
        pool.shutdown();
        assertEquals(1, new Parallel(1).threads());
        assertThrows(IllegalArgumentException.class, () -> new Parallel(0));
        assertTrue(Parallel.shared().threads() >= 1);
    }
}

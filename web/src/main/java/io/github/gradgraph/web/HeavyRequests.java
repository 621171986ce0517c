package io.github.gradgraph.web;

import io.github.gradgraph.web.api.ApiException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The requests that compute (derive, graph, gradient check, a new session's setup): at most {@code limit} at once, each
 * within a time budget, on threads of their own. A request beyond the limit waits a moment for a place and is then
 * refused with 503; one that outlasts its budget is refused with 422 and its thread interrupted, so that one formula
 * cannot hold the server. The threads have a large stack: how deep a formula may nest is the parser's limit to state,
 * not an accident of the web server's thread size.
 */
final class HeavyRequests implements AutoCloseable {
    /** The stack of a worker thread, in bytes. */
    static final long STACK_BYTES = 64L * 1024 * 1024;

    private final Semaphore places;
    private final int limit;
    private final Duration budget;
    private final Duration wait;
    private final ExecutorService workers;

    /**
     * @param limit  requests computing at once
     * @param budget how long one may compute
     * @param wait   how long a request waits for a place before it is refused
     */
    HeavyRequests(int limit, Duration budget, Duration wait) {
        this.limit = limit;
        this.places = new Semaphore(limit);
        this.budget = budget;
        this.wait = wait;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, "gradgraph-request-" + n.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param what  what the request computes, as a refusal names it (such as "the derivation")
     * @param work  the computation
     * @return what {@code work} returned
     * @throws ApiException 503 when no place frees up in time, 422 when the work outlasts the budget; what
     *     {@code work} throws otherwise, unchanged
     */
    <T> T run(String what, Supplier<T> work) {
        try {
            if (!places.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ApiException(503, "the server is busy: " + limit + " requests are computing; try again in "
                        + "a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is stopping");
        }
        Future<T> f;
        try {
            f = workers.submit(() -> {
                try {
                    return work.get();
                } finally {
                    places.release(); // when the work really ends, not when its request gave up on it
                }
            });
        } catch (RuntimeException e) { // stopped: nothing runs, so nothing releases the place
            places.release();
            throw new ApiException(503, "the server is stopping");
        }
        try {
            return f.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ApiException(422, what + " took longer than the " + budget.toSeconds() + " s a request may "
                    + "compute, and was stopped; make the loss or the network smaller");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is stopping");
        } catch (CancellationException e) {
            throw new ApiException(503, "the server is stopping");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}

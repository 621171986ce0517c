package io.github.gradgraph.web.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingException;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.optim.Optimizers;
import io.github.gradgraph.web.api.Json;
import io.github.gradgraph.web.api.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One browser tab's training run: a {@link Setup}, its parameters and the library's {@link Trainer}, driven by play,
 * pause, step and reset. Epochs run on the session's own thread, which exists only while it trains; each is one
 * {@code Trainer.fit} of one epoch continuing the run's plan (so the batches and shuffles are those of an
 * uninterrupted {@code gradgraph train}). After an epoch, at most every {@value #PUBLISH_MILLIS} ms and at every
 * change of status, the session publishes its state (status, the last epoch's statistics, the decision boundary) under
 * a new {@link #version()}, which the server's broadcaster sends to the page.
 *
 * <p>A run that goes non-finite stops as {@code diverged} with the library's message, which names the epoch, the batch
 * and the first node that was not finite; its parameters keep the values from before that batch.
 */
public final class TrainingSession {
    /** Where a run stands. */
    public enum Status { READY, RUNNING, PAUSED, FINISHED, DIVERGED, FAILED, CLOSED }

    static final long PUBLISH_MILLIS = 100;
    /** Epochs per second while playing, unless set: slow enough to watch the boundary move. */
    public static final double DEFAULT_SPEED = 50;

    private final String id;
    /** Fair, so that a pause or a download waits for one epoch at most, not for a run of them. */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition idle = lock.newCondition();
    private Setup setup;
    private ParameterStore params;
    private Trainer trainer;
    private Predictor predictor;
    private Boundary boundary;
    private final List<EpochStats> history = new ArrayList<>();
    private int target;
    private Status status = Status.READY;
    private String error;
    private ObjectNode boundaryState;
    private int pendingSteps;
    private Thread worker;
    /** True from the worker's start until it decides, under the lock, to leave: what "a worker trains" means. */
    private boolean working;
    private long lastPublish;
    private long version;
    private int run;
    private volatile double speed = DEFAULT_SPEED;

    TrainingSession(String id, Setup setup) {
        this.id = id;
        load(setup);
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    private void load(Setup s) {
        setup = s;
        params = s.initial().copy();
        trainer = new Trainer(s.network(), Optimizers.create(s.config().optimizer(), s.config().lr()));
        predictor = new Predictor(s.network());
        boundary = new Boundary(s.area(), s.preprocessing());
        history.clear();
        target = s.config().epochs();
        status = Status.READY;
        error = null;
        boundaryState = boundary.draw(predictor, params);
        version++;
        run++;
    }

    /** @return the id the page names this session by */
    public String id() {
        return id;
    }

    /** @return the setup being trained */
    public Setup setup() {
        return locked(() -> setup);
    }

    /** Starts or resumes training on the session's thread; past the planned epochs, plans as many again. */
    public void play() {
        locked(() -> {
            requireOpen();
            if (status == Status.DIVERGED || status == Status.FAILED || status == Status.RUNNING) {
                return;
            }
            if (history.size() >= target) {
                target = history.size() + setup.config().epochs();
            }
            status = Status.RUNNING;
            version++;
            startWorker();
        });
    }

    /**
     * @param epochsPerSecond the pace of play, 0 for as fast as the machine trains
     * @throws IllegalArgumentException when it is negative or not finite
     */
    public void speed(double epochsPerSecond) {
        if (!(epochsPerSecond >= 0) || Double.isInfinite(epochsPerSecond)) {
            throw new IllegalArgumentException("the speed must be a finite number of epochs per second ≥ 0 (0: as "
                    + "fast as possible), got " + epochsPerSecond);
        }
        speed = epochsPerSecond;
        locked(() -> {
            version++;
        });
    }

    /** Stops training after the epoch under way. */
    public void pause() {
        locked(() -> {
            requireOpen();
            if (status == Status.RUNNING) {
                status = Status.PAUSED;
                version++;
            }
        });
    }

    /** Trains one more epoch on the session's thread (when not already training). */
    public void step() {
        locked(() -> {
            requireOpen();
            if (status == Status.RUNNING || status == Status.DIVERGED || status == Status.FAILED) {
                return;
            }
            pendingSteps++;
            startWorker();
        });
    }

    /**
     * Starts over from the initial parameters, with a new setup (a changed network, loss or data) or the same.
     *
     * @param newSetup the setup to train from now on, or null to keep the current one
     */
    public void reset(Setup newSetup) {
        locked(() -> {
            requireOpen();
            stopWorker();
            load(newSetup == null ? setup : newSetup);
        });
    }

    /** Stops training and forgets the run; the session cannot be used again. */
    public void close() {
        locked(() -> {
            stopWorker();
            status = Status.CLOSED;
            version++;
        });
    }

    /** @return whether the session's thread is alive */
    public boolean training() {
        return locked(() -> working || worker != null && worker.isAlive());
    }

    /** @return whether {@link #close()} was called */
    public boolean closed() {
        return locked(() -> status == Status.CLOSED);
    }

    private void requireOpen() {
        if (status == Status.CLOSED) {
            throw new IllegalStateException("session " + id + " is closed");
        }
    }

    private void startWorker() {
        if (!working) { // a worker that has decided to leave is not asked again: a new one starts
            working = true;
            worker = new Thread(this::run, "gradgraph-session-" + id);
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** With the lock held: makes the worker leave (after at most one epoch) and waits for it. */
    private void stopWorker() {
        Status was = status;
        status = Status.CLOSED;
        pendingSteps = 0;
        Thread w = worker;
        while (working && w != null && w != Thread.currentThread()) {
            try {
                idle.await(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        worker = null;
        status = was;
    }

    private void run() {
        try {
            loop();
        } catch (Throwable e) { // an Error (out of memory, say): the run stops and says so; the server goes on
            lock.lock();
            try {
                working = false;
                status = Status.FAILED;
                error = "training failed: " + e;
                version++;
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void loop() {
        long next = System.nanoTime();
        while (true) {
            double pace = speed;
            if (pace > 0) { // wait for this epoch's slot, without the lock: pause and reset need not wait
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                next = Math.max(next, System.nanoTime() - 1_000_000_000L) + (long) (1e9 / pace);
            }
            lock.lock();
            try {
                boolean stepping = pendingSteps > 0 && status != Status.RUNNING;
                if (status != Status.RUNNING && !stepping) {
                    working = false;
                    idle.signalAll();
                    return;
                }
                if (stepping) {
                    pendingSteps--;
                }
                Status before = status;
                epoch();
                if (status == Status.RUNNING && history.size() >= target) {
                    status = Status.FINISHED;
                }
                if (stepping && status != Status.DIVERGED && status != Status.FAILED) {
                    status = Status.PAUSED;
                }
                publish(status != before || stepping);
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return the samples per step: the configured batch, or the whole training set when that is smaller */
    private int batch() {
        return Math.min(setup.config().batchSize(), setup.train().size());
    }

    /** One epoch, with the lock held. */
    private void epoch() {
        try {
            List<EpochStats> one = trainer.fit(params, setup.train(), setup.test(),
                    new TrainingPlan(1, batch(), setup.config().seed(), history.size()), null).epochs();
            history.addAll(one);
        } catch (TrainingException e) {
            status = Status.DIVERGED;
            error = e.getMessage();
        } catch (IllegalArgumentException e) { // the library refused what it was given: its message says why
            status = Status.FAILED;
            error = "training failed: " + e.getMessage();
        } catch (RuntimeException e) { // a failure of the library's own, not of the run: shown, never swallowed
            status = Status.FAILED;
            error = "training failed: " + e;
        }
    }

    /** With the lock held: a new version, if {@code now} or once the publishing interval has passed. */
    private void publish(boolean now) {
        long t = System.nanoTime() / 1_000_000;
        if (!now && t - lastPublish < PUBLISH_MILLIS) {
            return;
        }
        lastPublish = t;
        if (status != Status.DIVERGED && status != Status.FAILED) {
            boundaryState = boundary.draw(predictor, params);
        }
        version++;
    }

    /** @return a number that grows with each published state */
    public long version() {
        return locked(() -> version);
    }

    /** @return the epochs' statistics so far, from epoch {@code from} (0-based) on */
    public List<EpochStats> history(int from) {
        return locked(() -> List.copyOf(history.subList(Math.min(from, history.size()), history.size())));
    }

    /** @return what {@code read} makes of the parameters of one moment (between epochs), such as a checkpoint */
    public <T> T snapshot(java.util.function.Function<ParameterStore, T> read) {
        return locked(() -> read.apply(params));
    }

    /**
     * @return {@code {id, status, error, epoch, target, version, run, loss, testLoss, trainAccuracy, testAccuracy,
     *     stepMillis, boundary}}: the last epoch's statistics (absent before the first), with the boundary last drawn
     */
    public ObjectNode state() {
        lock.lock();
        try {
            ObjectNode o = Json.object();
            o.put("id", id);
            o.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
            if (error != null) {
                o.put("error", error);
            }
            o.put("epoch", history.size());
            o.put("target", target);
            o.put("version", version);
            o.put("run", run);
            o.put("speed", speed);
            if (!history.isEmpty()) {
                EpochStats last = history.get(history.size() - 1);
                int batches = (setup.train().size() + batch() - 1) / batch();
                o.put("loss", last.loss());
                o.put("trainAccuracy", last.trainAccuracy());
                putFinite(o, "testLoss", last.testLoss());
                putFinite(o, "testAccuracy", last.testAccuracy());
                o.put("stepMillis", last.seconds() * 1000 / batches);
            }
            o.set("boundary", boundaryState);
            return o;
        } finally {
            lock.unlock();
        }
    }

    /** @return {@code {features: [[x, y], …], labels, heldOut, classes}}: the data as the page draws it */
    public ObjectNode data() {
        Setup s = setup();
        ObjectNode o = Json.object();
        ArrayNode pts = o.putArray("points");
        ArrayNode labels = o.putArray("labels");
        ArrayNode held = o.putArray("heldOut");
        boolean[] h = s.heldOut();
        for (int i = 0; i < s.data().size(); i++) {
            pts.addArray().add(s.data().x().get(0, i)).add(s.data().x().get(1, i));
            labels.add(s.data().labels()[i]);
            held.add(h[i]);
        }
        ArrayNode names = o.putArray("classes");
        s.data().classNames().forEach(names::add);
        o.put("name", s.data().name());
        return o;
    }

    private static void putFinite(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}

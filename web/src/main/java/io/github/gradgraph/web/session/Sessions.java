package io.github.gradgraph.web.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.web.api.ApiException;
import io.github.gradgraph.web.api.Json;
import io.github.gradgraph.web.api.Setup;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open training sessions, one per browser tab, and the two chores of the server that keep them: a broadcaster that
 * sends each session's newest state to its page (Server-Sent Events, every {@value #TICK_MILLIS} ms when it changed,
 * and a comment the page ignores after {@value #HEARTBEAT_MILLIS} ms of silence, since a connection shows that its page
 * is gone only when written to), and a reaper that closes a session whose page has been gone for the idle timeout (a
 * closed tab leaves no thread or memory behind, whether its session was training, paused or done). At most
 * {@code limit} sessions are open at once.
 */
public final class Sessions implements AutoCloseable {
    static final long TICK_MILLIS = 50;
    static final long HEARTBEAT_MILLIS = 1000;

    /** Where the page listens: {@link EventSink#send} writes one event, {@link EventSink#open} says it still can. */
    public interface EventSink {
        /** @return false once the connection is gone */
        boolean open();

        /** Sends one event; a failure means the connection is gone. */
        void send(String event, String json);

        /** Sends a comment the page ignores, so that a page that is gone shows it; a failure means the same. */
        void ping();

        /**
         * Ends the stream from the server's side: the connection is released even when its page never reads again
         * (a closed tab, a replaced page, an ended session). Called once; must not throw.
         */
        void close();
    }

    private static final class Entry {
        final TrainingSession session;
        volatile EventSink sink;
        volatile long lastSeenMillis = now();
        long lastSentMillis = now();
        long sentVersion = -1;
        int sentEpochs;
        int sentRun = -1;

        Entry(TrainingSession session) {
            this.session = session;
        }
    }

    private final Map<String, Entry> open = new ConcurrentHashMap<>();
    private final int limit;
    private final long idleMillis;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gradgraph-sessions");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param limit       sessions open at once
     * @param idleTimeout how long a session outlives its page
     */
    public Sessions(int limit, Duration idleTimeout) {
        this.limit = limit;
        this.idleMillis = idleTimeout.toMillis();
        chores.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    /**
     * @return a new session training {@code setup}
     * @throws ApiException 429 when {@code limit} sessions are open
     */
    public synchronized TrainingSession create(Setup setup) {
        if (open.size() >= limit) {
            throw new ApiException(429, "the playground already has " + limit + " open sessions (one per tab); close "
                    + "a tab, or wait a minute for a closed one to end");
        }
        String id = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        TrainingSession s = new TrainingSession(id, setup);
        open.put(id, new Entry(s));
        return s;
    }

    /** @throws ApiException 404 when no such session is open */
    public TrainingSession get(String id) {
        return entry(id).session;
    }

    private Entry entry(String id) {
        Entry e = id == null ? null : open.get(id);
        if (e == null) {
            throw new ApiException(404, "no open session '" + Json.shown(String.valueOf(id).replaceAll("[^A-Za-z0-9]", "?"), 25) + "'; it ended (its page was closed for "
                    + idleMillis / 1000 + " s) or never was: reload the page");
        }
        e.lastSeenMillis = now();
        return e;
    }

    /** Ends a session now, and the event stream of its page, if any. */
    public void close(String id) {
        Entry e = open.remove(id);
        if (e != null) {
            e.session.close();
            hangUp(e, null);
        }
    }

    /** Replaces the entry's page by {@code next} (null: none) and closes the one it had. */
    private static void hangUp(Entry e, EventSink next) {
        EventSink previous;
        synchronized (e) {
            previous = e.sink;
            e.sink = next;
        }
        if (previous != null && previous != next) {
            try {
                previous.close();
            } catch (RuntimeException ignored) { // the connection is gone already: nothing left to release
            }
        }
    }

    /** @return whether a session is open, without counting the question as its page's sign of life */
    public boolean isOpen(String id) {
        return open.containsKey(id);
    }

    /** @return the number of open sessions */
    public int size() {
        return open.size();
    }

    /**
     * Makes {@code sink} the page of session {@code id}: it gets the data, the whole history so far and then every new
     * state. A second page of the same session replaces the first, whose stream is closed.
     */
    public void attach(String id, EventSink sink) {
        Entry e = entry(id);
        hangUp(e, sink);
        if (!open.containsKey(id)) { // the session ended meanwhile: close() may have missed this page
            hangUp(e, null);
            return;
        }
        synchronized (e) {
            e.sentVersion = -1;
            e.sentEpochs = 0;
            e.sentRun = -1; // the next tick sends the data, the whole history so far and the state
        }
    }

    private void tick() {
        long t = now();
        for (Entry e : open.values()) {
            try {
                EventSink sink = e.sink;
                if (sink != null && sink.open()) {
                    e.lastSeenMillis = t;
                    if (send(e, sink)) {
                        e.lastSentMillis = t;
                    } else if (t - e.lastSentMillis >= HEARTBEAT_MILLIS) {
                        sink.ping();
                        e.lastSentMillis = t;
                    }
                } else {
                    if (sink != null) {
                        hangUp(e, null); // a page that is gone: release its connection now, not with the session
                    }
                    if (t - e.lastSeenMillis > idleMillis) {
                        close(e.session.id());
                    }
                }
            } catch (RuntimeException ex) {
                hangUp(e, null); // the page went away mid-send; the reaper ends the session if it does not return
            }
        }
    }

    /** @return whether the page was sent anything: only when the session changed since the last send */
    private static boolean send(Entry e, EventSink sink) {
        synchronized (e) {
            long v = e.session.version();
            if (v == e.sentVersion) {
                return false;
            }
            ObjectNode state = e.session.state();
            int run = state.get("run").asInt();
            if (run != e.sentRun) { // a new page or a new run (reset, perhaps of other data): points and curves anew
                sink.send("data", e.session.data().toString());
                e.sentEpochs = 0;
                e.sentRun = run;
            }
            List<EpochStats> fresh = e.session.history(e.sentEpochs);
            ObjectNode h = state.putObject("history");
            h.put("from", e.sentEpochs);
            ArrayNode rows = h.putArray("rows");
            for (EpochStats s : fresh) {
                rows.addArray().add(s.epoch()).add(s.loss()).add(finite(s.testLoss())).add(s.trainAccuracy())
                        .add(finite(s.testAccuracy()));
            }
            sink.send("state", state.toString());
            e.sentVersion = state.get("version").asLong();
            e.sentEpochs += fresh.size();
            return true;
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Closes every session and stops the chores. */
    @Override
    public void close() {
        chores.shutdownNow();
        for (String id : List.copyOf(open.keySet())) {
            close(id);
        }
    }

    /** @return a JSON summary: open sessions and the limit */
    public ObjectNode summary() {
        ObjectNode o = Json.object();
        o.put("open", open.size());
        o.put("limit", limit);
        return o;
    }
}

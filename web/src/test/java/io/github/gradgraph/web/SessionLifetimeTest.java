package io.github.gradgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.web.session.TrainingSession;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Twenty tabs open a session, train, and close: afterwards no session, no session thread and no session object is
 * left (each is held only weakly by the test and must be collected), and the heap is back where it was. A closed tab
 * whose session sends nothing (paused) ends as well.
 */
class SessionLifetimeTest {
    private static final int LIMIT = 8;

    /** Opens a session once one of the {@value #LIMIT} places is free: a closed tab's session takes a moment to end. */
    private static String open(PlaygroundServer server, Http http, String config) throws InterruptedException {
        PlaygroundApiTest.eventually(Duration.ofSeconds(15), () -> server.sessions().size() < LIMIT,
                "a place for a new session");
        Http.Reply r = http.post("/api/sessions", config);
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asText();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void twentySessionsOpenedAndClosed_leaveNoThreadNoSessionAndNoMemory() throws Exception {
        try (PlaygroundServer server = new PlaygroundServer(LIMIT, Duration.ofMillis(500),
                new PrintStream(System.err)).start("127.0.0.1", 0)) {
            Http http = new Http(server.port());
            // one session first, so that classes, compiled code and the server's own buffers are in place
            String warm = open(server, http, "{}");
            http.delete("/api/sessions/" + warm);
            long before = usedHeapAfterGc();
            List<WeakReference<TrainingSession>> sessions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = open(server, http, "{\"seed\": " + i + "}");
                sessions.add(new WeakReference<>(server.sessions().get(id)));
                try (Http.Events page = http.listen("/api/sessions/" + id + "/events")) {
                    http.post("/api/sessions/" + id + "/speed", "{\"epochsPerSecond\": 0}");
                    http.post("/api/sessions/" + id + "/play", null);
                    PlaygroundApiTest.eventually(Duration.ofSeconds(10), () -> page.named("state").stream()
                            .anyMatch(e -> !e.data().contains("\"epoch\":0,")), "session " + i + " trains");
                } // the tab closes without a word: the server must notice
            }
            PlaygroundApiTest.eventually(Duration.ofSeconds(15), () -> server.sessions().size() == 0,
                    "every session ended");
            PlaygroundApiTest.eventually(Duration.ofSeconds(10), () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("gradgraph-session-")), "no session thread left");
            long after = usedHeapAfterGc();
            int collected = 0;
            for (WeakReference<TrainingSession> s : sessions) {
                collected += s.get() == null ? 1 : 0;
            }
            System.out.printf("20 sessions opened, trained and closed: heap after GC %.1f MB before, %.1f MB after "
                    + "(%+.1f MB); %d of 20 sessions collected%n", before / 1e6, after / 1e6, (after - before) / 1e6,
                    collected);
            assertEquals(20, collected, "sessions still reachable after they ended");
            assertTrue(after - before < 16_000_000, "heap grew by " + (after - before) + " bytes");
        }
    }

    @Test
    void aClosedPageWhoseSessionIsPaused_endsToo() throws Exception {
        try (PlaygroundServer server = new PlaygroundServer(LIMIT, Duration.ofMillis(500),
                new PrintStream(System.err)).start("127.0.0.1", 0)) {
            Http http = new Http(server.port());
            String id = open(server, http, "{}");
            try (Http.Events page = http.listen("/api/sessions/" + id + "/events")) {
                PlaygroundApiTest.eventually(Duration.ofSeconds(5), () -> !page.named("state").isEmpty(),
                        "the page listens");
            } // the session never trains, so nothing more is sent to the closed page: only a heartbeat finds it gone
            PlaygroundApiTest.eventually(Duration.ofSeconds(10), () -> !server.sessions().isOpen(id),
                    "the paused session of the closed page ended");
            PlaygroundApiTest.eventually(Duration.ofSeconds(10), () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("gradgraph-session-" + id)), "its thread ended");
        }
    }
}

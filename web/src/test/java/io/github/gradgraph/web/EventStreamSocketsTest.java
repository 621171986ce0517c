package io.github.gradgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No socket outlives its session: the event stream of a session that is closed (by its tab's beacon or a DELETE),
 * replaced by a second page, or ended by the reaper is closed by the server, so a long-running server does not fill
 * up with connections in CLOSE-WAIT.
 */
class EventStreamSocketsTest {
    private static PlaygroundServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        assumeTrue(Sockets.visible(), "needs Linux's /proc/net/tcp");
        server = new PlaygroundServer(8, Duration.ofMillis(600), new PrintStream(System.err)).start("127.0.0.1", 0);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String session() {
        Http.Reply r = http.post("/api/sessions", "{\"epochs\": 5}");
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asText();
    }

    private static void noConnectionLeft(String what) throws InterruptedException {
        PlaygroundApiTest.eventually(Duration.ofSeconds(10), () -> Sockets.closeWait(server.port()) == 0,
                what + ": no connection left in CLOSE-WAIT (now " + Sockets.closeWait(server.port()) + ")");
    }

    @Test
    void closedSession_endsItsStream() throws Exception {
        String id = session();
        try (Sockets.Stream page = new Sockets.Stream(server.port(), "/api/sessions/" + id + "/events")) {
            assertEquals(200, http.delete("/api/sessions/" + id).status());
            assertTrue(page.endedByServer(5000), "the stream of a closed session ends");
        }
        noConnectionLeft("a closed session");
    }

    @Test
    void replacedPage_hasItsStreamEnded() throws Exception {
        String id = session();
        try (Sockets.Stream first = new Sockets.Stream(server.port(), "/api/sessions/" + id + "/events");
                Sockets.Stream second = new Sockets.Stream(server.port(), "/api/sessions/" + id + "/events")) {
            assertTrue(first.endedByServer(5000), "the replaced page's stream ends");
            assertTrue(!second.endedByServer(1500), "the page that replaced it goes on");
        } finally {
            http.delete("/api/sessions/" + id);
        }
        noConnectionLeft("a replaced page");
    }

    @Test
    void tabsClosedAfterTheirBeacon_leaveNoSocket() throws Exception {
        List<Sockets.Stream> pages = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = session();
            ids.add(id);
            pages.add(new Sockets.Stream(server.port(), "/api/sessions/" + id + "/events"));
        }
        for (int i = 0; i < pages.size(); i++) { // a closing tab sends its beacon, then its connections drop
            http.post("/api/sessions/" + ids.get(i) + "/close", null);
            pages.get(i).close();
        }
        noConnectionLeft("six tabs closed");
        assertEquals(0, server.sessions().size());
    }

    @Test
    void tabsDroppedWithoutAWord_leaveNoSocketOnceTheirSessionsEnd() throws Exception {
        for (int round = 0; round < 3; round++) {
            List<Sockets.Stream> pages = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pages.add(new Sockets.Stream(server.port(), "/api/sessions/" + session() + "/events"));
            }
            for (Sockets.Stream p : pages) {
                p.close();
            }
            PlaygroundApiTest.eventually(Duration.ofSeconds(15), () -> server.sessions().size() == 0,
                    "every dropped tab's session ended");
        }
        noConnectionLeft("eighteen tabs dropped");
    }
}

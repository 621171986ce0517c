package io.github.gradgraph.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.web.api.PlaygroundConfig;
import io.github.gradgraph.web.api.Setup;
import io.github.gradgraph.web.api.Uploads;
import org.junit.jupiter.api.Test;

/** Play, pause, step and reset in any order and at any moment leave a session that does what it says. */
class TrainingSessionTest {
    private static TrainingSession session() {
        TrainingSession s = new TrainingSession("t", Setup.of(PlaygroundConfig.from(
                io.github.gradgraph.web.api.Json.parseObject("{\"epochs\": 1000000}")), new Uploads()));
        s.speed(0);
        return s;
    }

    private static int epoch(TrainingSession s) {
        return s.state().get("epoch").asInt();
    }

    private static void await(TrainingSession s, java.util.function.IntPredicate epochOk, String what)
            throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!epochOk.test(epoch(s))) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": stuck at epoch " + epoch(s) + ", " + s.state().get("status")
                        + ", training " + s.training());
            }
            Thread.sleep(1);
        }
    }

    @Test
    void playRightAfterPause_alwaysTrains_evenWhileTheLastWorkerIsLeaving() throws Exception {
        TrainingSession s = session();
        for (int round = 0; round < 300; round++) {
            s.play();
            if (round % 3 == 0) {
                Thread.sleep(0, 200_000);
            }
            s.pause();
            s.play(); // the worker may be on its way out: a new one must take over
            int at = epoch(s);
            await(s, e -> e > at, "round " + round);
            assertEquals("running", s.state().get("status").asText());
        }
        s.close();
        assertFalse(s.training());
    }

    @Test
    void step_trainsExactlyOneEpoch_andResetStartsOver() throws Exception {
        TrainingSession s = session();
        for (int i = 1; i <= 5; i++) {
            s.step();
            int expected = i;
            await(s, e -> e == expected, "step " + i);
        }
        Thread.sleep(50);
        assertEquals(5, epoch(s));
        assertEquals("paused", s.state().get("status").asText());
        s.play();
        await(s, e -> e > 20, "play after steps");
        s.reset(null);
        assertEquals(0, epoch(s));
        assertEquals("ready", s.state().get("status").asText());
        assertFalse(s.training(), "no worker after reset");
        s.close();
        assertTrue(s.closed());
    }

    @Test
    void theSpeed_pacesPlay() throws Exception {
        TrainingSession s = session();
        s.speed(20);
        s.play();
        Thread.sleep(1000);
        s.pause();
        int e = epoch(s);
        assertTrue(e >= 10 && e <= 30, "20 epochs a second gave " + e + " in a second");
        s.close();
    }
}

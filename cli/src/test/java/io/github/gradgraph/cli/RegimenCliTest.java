package io.github.gradgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.io.HistoryCsv;
import io.github.gradgraph.nn.io.Safetensors;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train}'s schedule, clipping and early-stopping options: what they write, resume, and their refusals. */
class RegimenCliTest {
    @TempDir
    Path tmp;

    @Test
    void badValues_areOneLineErrors_exit2() {
        String[][] cases = {
            {"--lr-schedule step:0:0.5", "--lr-schedule step:0:0.5: a step schedule's K (epochs between steps) must "
                + "be at least 1, got 0"},
            {"--lr-schedule warm", "--lr-schedule warm: expected step:K:G, exp:G, cosine, cosine:MIN or constant"},
            {"--lr-schedule exp:0", "G must be a finite number > 0"},
            {"--lr-schedule cosine:0.5", "--lr-schedule cosine:0.5: MIN must be below the learning rate 0.01"},
            {"--warmup 3", "--warmup 3 must be shorter than the run's 3 epochs"},
            {"--warmup -1", "--warmup must be 0 or more epochs, got -1"},
            {"--clip-norm 0", "--clip-norm must be a finite number > 0, got 0.0"},
            {"--clip-value -1", "--clip-value must be a finite number > 0, got -1.0"},
            {"--early-stopping 0", "--early-stopping must be at least 1 epoch, got 0"},
            {"--early-stopping 3 --test-fraction 0", "--early-stopping needs held-out data to monitor"},
            {"--validation-fraction 1.5 --early-stopping 2", "--validation-fraction must be between 0 and 1"},
            {"--dropout -0.1", "--dropout must be at least 0 and below 1 (the probability of dropping a unit), got -0.1"},
            {"--dropout 1", "--dropout must be at least 0 and below 1"},
            {"--batch-norm --layers 2,1", "--batch-norm: batch normalization applies to hidden layers, and layers [2, 1] "
                + "have none"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--epochs", "3", "--no-progress", "--out",
                    tmp.resolve("bad").toString()));
            args.addAll(List.of(c[0].split(" ")));
            CliTest.Run r = CliTest.run(args.toArray(new String[0]));
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + " said: " + r.err());
            assertEquals(1, r.err().strip().lines().count(), c[0] + " said: " + r.err());
        }
    }

    @Test
    void scheduleAndClipping_areRecordedInTheHistory_andResumeContinuesTheSchedule() throws Exception {
        Path whole = tmp.resolve("whole");
        CliTest.Run r = CliTest.run("train", "--epochs", "12", "--lr", "0.05", "--lr-schedule", "cosine:0.001",
                "--warmup", "2", "--clip-norm", "0.5", "--no-progress", "--no-gradcheck", "--out", whole.toString());
        assertEquals(0, r.code(), r.err());
        List<EpochStats> h = HistoryCsv.read(whole.resolve("history.csv"));
        assertEquals(12, h.size());
        for (EpochStats e : h) {
            int k = e.epoch();
            double want = k <= 2 ? 0.05 * k / 2 : 0.001 + (0.05 - 0.001) * (1 + Math.cos(Math.PI * (k - 3) / 10)) / 2;
            assertEquals(want, e.lr(), 1e-15, "epoch " + k);
            assertTrue(e.gradNorm() > 0, "grad norm of epoch " + k);
        }
        // a 5-epoch run, resumed for 7 more: from epoch 6 on its schedule is the 12-epoch run's
        Path five = tmp.resolve("five");
        assertEquals(0, CliTest.run("train", "--epochs", "5", "--lr", "0.05", "--lr-schedule", "cosine:0.001",
                "--warmup", "2", "--clip-norm", "0.5", "--no-progress", "--no-gradcheck", "--out", five.toString())
                .code());
        CliTest.Run resumed = CliTest.run("train", "--resume", five.resolve("model.safetensors").toString(),
                "--epochs", "7", "--no-progress", "--no-gradcheck", "--out", five.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("schedule cosine:0.001 after 2 warm-up epochs"), resumed.out());
        List<EpochStats> continued = HistoryCsv.read(five.resolve("history.csv"));
        // a 5-epoch run plans its cosine over 5 epochs; resumed for 7 more, its E becomes 12 from epoch 6 on
        for (int k = 6; k <= 12; k++) {
            assertEquals(h.get(k - 1).lr(), continued.get(k - 1).lr(), 1e-15, "resumed epoch " + k);
        }
        assertEquals("12", Safetensors.load(five.resolve("model.safetensors")).training().settings()
                .get("schedule_epochs"));
    }

    @Test
    void earlyStopping_reportsBestAndStoppedEpochs_andSavesTheBestEpoch() throws Exception {
        Path out = tmp.resolve("es");
        CliTest.Run r = CliTest.run("train", "--data", "moons", "--layers", "2,32,32,1", "--activation", "relu",
                "--epochs", "300", "--lr", "0.05", "--early-stopping", "5", "--validation-fraction", "0.25",
                "--no-progress", "--no-gradcheck", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out().lines().reduce((x, y) -> y).orElseThrow());
        int best = json.get("best_epoch").asInt();
        int stopped = json.get("stopped_epoch").asInt();
        assertEquals(best + 5, stopped, r.out());
        assertTrue(r.out().contains("Stopped early after epoch " + stopped), r.out());
        assertTrue(r.out().contains("validation"), r.out());
        List<EpochStats> h = HistoryCsv.read(out.resolve("history.csv"));
        assertEquals(stopped, h.size());
        assertTrue(h.stream().allMatch(EpochStats::hasValidation));
        assertEquals(best, Safetensors.load(out.resolve("model.safetensors")).training().epochs());
        EpochStats bestRow = h.get(best - 1);
        assertTrue(h.stream().allMatch(e -> e.validationLoss() >= bestRow.validationLoss()));
    }

    @Test
    void clipValue_changesTheSteps_andIsKeptForAResume() throws Exception {
        Path plain = tmp.resolve("plain");
        Path clipped = tmp.resolve("clipped");
        // gradient descent: a clipped gradient is a shorter step (Adam would rescale it back)
        assertEquals(0, CliTest.run("train", "--epochs", "3", "--optimizer", "gd", "--lr", "0.5", "--no-progress",
                "--no-gradcheck", "--out", plain.toString()).code());
        CliTest.Run r = CliTest.run("train", "--epochs", "3", "--optimizer", "gd", "--lr", "0.5", "--clip-value",
                "0.001", "--no-progress", "--no-gradcheck", "--out", clipped.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(", clip value 0.001"), r.out());
        double a = HistoryCsv.read(plain.resolve("history.csv")).get(2).loss();
        double b = HistoryCsv.read(clipped.resolve("history.csv")).get(2).loss();
        assertTrue(b > a, "steps of at most 0.001 per element learn slower: " + b + " vs " + a);
        assertEquals("0.001", Safetensors.load(clipped.resolve("model.safetensors")).training().settings()
                .get("clip_value"));
    }
}

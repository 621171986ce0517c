package io.github.gradgraph.web;

import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.HistoryCsv;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.web.api.Setup;
import io.github.gradgraph.web.api.TempFolder;
import io.github.gradgraph.web.session.TrainingSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The files a session offers, written by the library's own writers: the trained model as the safetensors checkpoint
 * {@code gradgraph predict} reads (network, parameters, the standardization and class names), and the history CSV of
 * {@code gradgraph train}.
 */
final class Downloads {
    private Downloads() {
    }

    /** @return the checkpoint of the session's current parameters */
    static byte[] model(TrainingSession session) {
        Setup s = session.setup();
        Checkpoint c = session.snapshot(params -> new Checkpoint(s.network().spec(), params.copy(),
                s.preprocessing().standardizer(), s.data().classNames(), s.preprocessing().scale(), null));
        return viaFile("model", ".safetensors", file -> Safetensors.save(c, file));
    }

    /** @return history.csv of the epochs so far */
    static byte[] history(TrainingSession session) {
        var epochs = session.history(0);
        return viaFile("history", ".csv", file -> HistoryCsv.write(file, epochs));
    }

    private static byte[] viaFile(String prefix, String suffix, Consumer<Path> write) {
        return TempFolder.use("gradgraph-download", dir -> {
            Path file = dir.resolve(prefix + suffix);
            write.accept(file);
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read back the " + prefix + " file just written", e);
            }
        });
    }
}

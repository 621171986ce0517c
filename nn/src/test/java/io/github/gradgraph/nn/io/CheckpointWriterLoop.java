package io.github.gradgraph.nn.io;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The victim of {@link CrashSafeCheckpointTest}, run in a JVM of its own: saves a large checkpoint to one file over and
 * over, version k with every value of W1 equal to k, printing "start k" before each save and "done k MS" after.
 */
public final class CheckpointWriterLoop {
    private CheckpointWriterLoop() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        NetworkSpec spec = new NetworkSpec(CrashSafeCheckpointTest.LAYERS, Activation.TANH, Activation.SIGMOID,
                LossKind.BCE, 0);
        ParameterStore store = Initializer.XAVIER.initialize(new Network(spec), new ParameterStore(), 1);
        DMatrixRMaj w1 = store.get("W1");
        for (long k = 1; ; k++) {
            w1.fill(k);
            System.out.println("start " + k);
            System.out.flush();
            long t0 = System.nanoTime();
            Safetensors.save(new Checkpoint(spec, store, null, List.of("0", "1")), file);
            System.out.println("done " + k + " " + (System.nanoTime() - t0) / 1_000_000);
            System.out.flush();
        }
    }
}

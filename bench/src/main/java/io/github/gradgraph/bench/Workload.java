package io.github.gradgraph.bench;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * A benchmark workload as the peers run it: relu hidden layers; a sigmoid output with binary cross-entropy, or a
 * softmax output with softmax cross-entropy; one full batch of m random samples; plain gradient descent.
 *
 * @param name    planar, cat or mnist
 * @param layers  every layer size
 * @param m       the batch size
 * @param softmax true for a softmax output
 */
public record Workload(String name, int[] layers, int m, boolean softmax) {
    /** The learning rate of the benchmarked steps: small, so that thousands of steps stay finite. */
    public static final double LR = 1e-4;

    /** @return planar [2,4,1] m=400, cat [12288,20,7,5,1] m=209, or mnist [784,256,128,10] m=256 (softmax) */
    public static Workload of(String name) {
        switch (name) {
            case "planar": return new Workload(name, new int[] {2, 4, 1}, 400, false);
            case "cat": return new Workload(name, new int[] {12288, 20, 7, 5, 1}, 209, false);
            case "mnist": return new Workload(name, new int[] {784, 256, 128, 10}, 256, true);
            default: throw new IllegalArgumentException("unknown workload '" + name + "'; planar, cat or mnist");
        }
    }

    /** @return the network spec: relu hidden, sigmoid+bce or softmax+sce */
    public NetworkSpec spec() {
        return new NetworkSpec(layers, Activation.RELU, softmax ? Activation.SOFTMAX : Activation.SIGMOID,
                softmax ? LossKind.SOFTMAX_CROSS_ENTROPY : LossKind.BCE, 0);
    }

    /** @return He-initialized parameters under a seed */
    public ParameterStore parameters(Network net, long seed) {
        return Initializer.HE.initialize(net, new ParameterStore(), seed);
    }

    /** @return X (n0×m, standard normal) and Y (0/1 labels, or one-hot classes) under a seed */
    public Map<String, DMatrixRMaj> data(long seed) {
        Random r = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(layers[0], m);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = r.nextGaussian();
        }
        int out = layers[layers.length - 1];
        DMatrixRMaj y = new DMatrixRMaj(out, m);
        for (int j = 0; j < m; j++) {
            if (softmax) {
                y.set(r.nextInt(out), j, 1.0);
            } else {
                y.set(0, j, r.nextBoolean() ? 1.0 : 0.0);
            }
        }
        return Map.of("X", x, "Y", y);
    }

    /** @return the floating-point operations of one step's matrix products; see {@link NetworkSpec#stepFlops} */
    public double flops() {
        return spec().stepFlops(m);
    }

    /** @return the workloads a benchmark's command line names after its round count, or all three */
    static String[] named(String[] args) {
        return args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"planar", "cat", "mnist"};
    }
}

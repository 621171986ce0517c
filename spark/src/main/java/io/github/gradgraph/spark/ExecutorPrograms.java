package io.github.gradgraph.spark;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.ValueAndGrad;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.nn.Network;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixRMaj;

/**
 * The compiled gradient program of a network, built once per executor JVM and thread from its description and reused
 * by every task there (a program owns its buffers, so each task thread has its own).
 */
final class ExecutorPrograms {
    private static final Map<NetworkDescription, ThreadLocal<Compiled>> PROGRAMS = new ConcurrentHashMap<>();

    private ExecutorPrograms() {
    }

    /** A network and its J-and-gradients program. */
    static final class Compiled {
        final Network network;
        final ValueAndGrad valueAndGrad;
        final ParameterStore store = new ParameterStore();

        Compiled(NetworkDescription d) {
            network = d.network();
            // the data loss only: the L2 term is not a sum over samples, so the driver adds it once
            valueAndGrad = ValueAndGrad.of(network.dataLoss(), network.parameters());
        }

        /** Adds the block's b·gradients and b·J to {@code sum}, with the parameters {@code params}. */
        void accumulate(double[][] params, SampleBlock block, GradientSum sum) {
            List<Node> ps = network.parameters();
            for (int p = 0; p < ps.size(); p++) {
                Node n = ps.get(p);
                store.set(n, DMatrixRMaj.wrap(n.shape().rows().size(), n.shape().cols().size(), params[p]));
            }
            ValueAndGrad.Result r = valueAndGrad.run(Map.of("X", block.xMatrix(), "Y", block.yMatrix()), store,
                    Checks.SHAPES);
            List<DMatrixRMaj> grads = r.gradients();
            double[][] values = new double[grads.size()][];
            for (int p = 0; p < values.length; p++) {
                values[p] = java.util.Arrays.copyOf(grads.get(p).data, grads.get(p).getNumElements());
            }
            sum.add(values, r.value(), block.size());
        }
    }

    static Compiled get(NetworkDescription d) {
        return PROGRAMS.computeIfAbsent(d, k -> ThreadLocal.withInitial(() -> new Compiled(k))).get();
    }
}

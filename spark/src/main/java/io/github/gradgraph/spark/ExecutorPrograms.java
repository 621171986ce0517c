package io.github.gradgraph.spark;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.rewrite.Rewriter;
import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixRMaj;

/**
 * The compiled programs of a network, built once per executor JVM and thread from its description and reused by every
 * task there (a program owns its buffers, so each task thread has its own): J, A[L] and the derived gradients for
 * training, J and A[L] for evaluation — simplified by the standard rewrites, as one machine's training step is.
 */
final class ExecutorPrograms {
    private static final Map<NetworkDescription, ThreadLocal<Compiled>> PROGRAMS = new ConcurrentHashMap<>();

    private ExecutorPrograms() {
    }

    /** A network and its programs. */
    static final class Compiled {
        final Network network;
        private final ParameterStore store = new ParameterStore();
        private final Node loss;
        private final Node output;
        private final List<Node> gradients;
        private final Program training;
        private final Program evaluation;

        Compiled(NetworkDescription d) {
            network = d.network();
            // the data loss only: the L2 term is not a sum over samples, so the driver adds it once
            Rewriter.Session rewrite = Rewriter.standard().session();
            List<Node> forward = rewrite.rewrite(List.of(network.dataLoss(), network.output())).outputs();
            loss = forward.get(0);
            output = forward.get(1);
            gradients = List.copyOf(rewrite.rewrite(Autodiff.gradients(loss, network.parameters())).outputs());
            List<Node> outputs = new ArrayList<>(forward);
            outputs.addAll(gradients);
            training = Compiler.compileAsWritten(outputs);
            evaluation = Compiler.compileAsWritten(forward);
        }

        /** Adds the block's b·gradients, b·J and right answers to {@code sum}, with the parameters {@code params}. */
        void accumulate(double[][] params, SampleBlock block, GradientSum sum) {
            Values v = run(training, params, block);
            double[][] values = new double[gradients.size()][];
            for (int p = 0; p < values.length; p++) {
                DMatrixRMaj g = v.get(gradients.get(p));
                values[p] = Arrays.copyOf(g.data, g.getNumElements());
            }
            sum.add(values, v.scalar(loss), block.size(), correct(v.get(output), block));
        }

        /** Adds the block's b·J and right answers to {@code sum} (no gradients). */
        void evaluate(double[][] params, SampleBlock block, GradientSum sum) {
            Values v = run(evaluation, params, block);
            sum.add(null, v.scalar(loss), block.size(), correct(v.get(output), block));
        }

        private Values run(Program program, double[][] params, SampleBlock block) {
            List<Node> ps = network.parameters();
            for (int p = 0; p < ps.size(); p++) {
                Node n = ps.get(p);
                store.set(n, DMatrixRMaj.wrap(n.shape().rows().size(), n.shape().cols().size(), params[p]));
            }
            return program.run(Map.of("X", block.xMatrix(), "Y", block.yMatrix()), store, Checks.SHAPES);
        }

        /** @return how many samples of the block A[L] classifies as their targets say */
        private static int correct(DMatrixRMaj output, SampleBlock block) {
            DMatrixRMaj y = block.yMatrix();
            int right = 0;
            for (int j = 0; j < block.size(); j++) {
                right += Metrics.predictedClass(output, j) == Metrics.predictedClass(y, j) ? 1 : 0;
            }
            return right;
        }
    }

    static Compiled get(NetworkDescription d) {
        return PROGRAMS.computeIfAbsent(d, k -> ThreadLocal.withInitial(() -> new Compiled(k))).get();
    }
}

package io.github.gradgraph.spark;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.nn.DropoutMasks;

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
import io.github.gradgraph.nn.layers.LayerContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.Matrix;

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
        private final List<Node> means;
        private final List<Node> variances;
        private final Node evalLoss;
        private final Node evalOutput;
        private final Program training;
        private final Program evaluation;
        private final Map<Integer, DMatrixRMaj[]> maskBuffers = new java.util.HashMap<>();

        Compiled(NetworkDescription d) {
            network = d.network();
            // the data loss only: the L2 term is not a sum over samples, so the driver adds it once; training runs
            // the training pass (batch statistics, dropout masks), evaluation the inference pass (running statistics)
            Rewriter.Session rewrite = Rewriter.standard().session();
            List<Node> wanted = new ArrayList<>(List.of(network.trainingDataLoss(), network.trainingOutput()));
            wanted.addAll(network.batchMeans());
            wanted.addAll(network.batchVariances());
            List<Node> forward = rewrite.rewrite(wanted).outputs();
            loss = forward.get(0);
            output = forward.get(1);
            int bn = network.batchMeans().size();
            means = List.copyOf(forward.subList(2, 2 + bn));
            variances = List.copyOf(forward.subList(2 + bn, 2 + 2 * bn));
            gradients = List.copyOf(rewrite.rewrite(Autodiff.gradients(loss, network.parameters())).outputs());
            List<Node> outputs = new ArrayList<>(forward);
            outputs.addAll(gradients);
            training = Compiler.compileAsWritten(outputs, d.dtype());
            List<Node> inference = Rewriter.standard().session().rewrite(List.of(network.inferenceDataLoss(),
                    network.inferenceOutput())).outputs();
            evalLoss = inference.get(0);
            evalOutput = inference.get(1);
            evaluation = Compiler.compileAsWritten(inference, d.dtype());
        }

        /**
         * Adds the block's b·gradients, b·J and right answers to {@code sum}, with the parameters {@code params}; with
         * batch norm also b·μ, b·σ² and b·μ² of each normalized layer, from which the driver forms the step's
         * statistics; with dropout, the masks of the block's step ({@code key}, from {@code DropoutMasks.key}).
         */
        void accumulate(double[][] params, SampleBlock block, GradientSum sum, long key) {
            Values v = run(training, params, block, key);
            double[][] values = new double[gradients.size()][];
            for (int p = 0; p < values.length; p++) {
                DMatrixRMaj g = v.get(gradients.get(p));
                values[p] = Arrays.copyOf(g.data, g.getNumElements());
            }
            sum.add(values, v.scalar(loss), block.size(), correct(v.get(output), block));
            if (!means.isEmpty()) {
                sum.addStatistics(moments(v), block.size());
            }
        }

        /** @return per normalized layer, μ, σ² and μ², unit by unit */
        private double[] moments(Values v) {
            int total = 0;
            for (Node mu : means) {
                total += 3 * mu.shape().rows().size();
            }
            double[] out = new double[total];
            int k = 0;
            for (int l = 0; l < means.size(); l++) {
                DMatrixRMaj mu = v.get(means.get(l));
                DMatrixRMaj var = v.get(variances.get(l));
                for (int i = 0; i < mu.numRows; i++) {
                    out[k++] = mu.data[i];
                }
                for (int i = 0; i < mu.numRows; i++) {
                    out[k++] = var.data[i];
                }
                for (int i = 0; i < mu.numRows; i++) {
                    out[k++] = mu.data[i] * mu.data[i];
                }
            }
            return out;
        }

        /** Adds the block's b·J and right answers to {@code sum} (no gradients), in inference. */
        void evaluate(double[][] params, SampleBlock block, GradientSum sum) {
            Values v = run(evaluation, params, block, 0L);
            sum.add(null, v.scalar(evalLoss), block.size(), correct(v.get(evalOutput), block));
        }

        private Values run(Program program, double[][] params, SampleBlock block, long key) {
            List<Node> ps = network.stored(); // the parameters, then batch norm's running statistics
            for (int p = 0; p < ps.size() && p < params.length; p++) {
                Node n = ps.get(p);
                store.set(n, DMatrixRMaj.wrap(n.shape().rows().size(), n.shape().cols().size(), params[p]));
            }
            Map<String, Matrix> feeds = new java.util.HashMap<>();
            boolean f32 = program.dtype() == DType.F32; // read in place, rounded once per block, not once per step
            feeds.put("X", f32 ? block.xFloat() : block.xMatrix());
            feeds.put("Y", f32 ? block.yFloat() : block.yMatrix());
            if (program == training) {
                List<LayerContext.Mask> masks = network.dropouts();
                DMatrixRMaj[] buffers = maskBuffers.computeIfAbsent(block.size(), size -> new DMatrixRMaj[masks.size()]);
                for (int i = 0; i < masks.size(); i++) {
                    if (buffers[i] == null) { // one set per block size, reused by every step on this thread
                        buffers[i] = new DMatrixRMaj(masks.get(i).node().shape().rows().size(), block.size());
                    }
                    LayerContext.Mask d = masks.get(i);
                    DropoutMasks.fill(buffers[i], d.p(), key, d.layer(), 0);
                    feeds.put(d.node().label(), buffers[i]);
                }
            }
            return program.run(feeds, store, Checks.SHAPES);
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

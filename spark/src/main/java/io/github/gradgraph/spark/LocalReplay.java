package io.github.gradgraph.spark;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.optim.Optimizer;
import java.util.List;

/**
 * The {@link BlockSchedule} run on one machine, without Spark: the same blocks, the same steps, the same
 * sample-weighted gradients and the same driver-side update as {@link SparkTrainer#fitMiniBatch} — the reference a
 * distributed run is checked against.
 */
public final class LocalReplay {
    private LocalReplay() {
    }

    /**
     * @param blocks the blocks, in the order the distributed run numbers them
     * @return J of each step, before its update
     */
    public static double[] fit(Network network, Optimizer optimizer, List<SampleBlock> blocks, ParameterStore store,
            BlockSchedule schedule, int epochs) {
        return fit(network, optimizer, blocks, store, schedule, epochs, DType.F64);
    }

    /** As {@link #fit(Network, Optimizer, List, ParameterStore, BlockSchedule, int)}, computing in {@code dtype}. */
    public static double[] fit(Network network, Optimizer optimizer, List<SampleBlock> blocks, ParameterStore store,
            BlockSchedule schedule, int epochs, DType dtype) {
        NetworkDescription d = NetworkDescription.of(network, dtype);
        ExecutorPrograms.Compiled program = new ExecutorPrograms.Compiled(d);
        Updates updates = new Updates(network, optimizer);
        double[] losses = new double[epochs * schedule.steps(0).size()];
        int k = 0;
        for (int e = 0; e < epochs; e++) {
            for (int[] step : schedule.steps(e)) {
                double[][] params = updates.values(store);
                GradientSum sum = new GradientSum();
                for (int b : step) {
                    program.accumulate(params, blocks.get(b), sum, 0L);
                }
                losses[k++] = updates.apply(store, sum);
            }
        }
        return losses;
    }

}

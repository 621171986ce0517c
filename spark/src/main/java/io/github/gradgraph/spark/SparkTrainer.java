package io.github.gradgraph.spark;

import io.github.gradgraph.nn.DropoutMasks;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.core.DType;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * Training of a {@link Network} on Spark, as MLlib's multilayer perceptron does it: every step broadcasts the
 * parameters, each partition runs gradgraph's compiled gradient program (derived by the engine, built once per
 * executor from a {@link NetworkDescription}) on its blocks of samples, the sample-weighted gradients and losses are
 * summed in a tree in a fixed order ({@link FixedOrderSum}: the
 * result does not depend on task timing or reruns), and the driver applies the optimizer, whose state lives on the driver.
 * {@link #fit} runs full-batch steps; {@link #fitMiniBatch} follows a seeded {@link BlockSchedule}.
 */
public final class SparkTrainer {
    private final Optimizer optimizer;
    private final double baseRate;
    private final JavaSparkContext sc;
    private final NetworkDescription description;
    private final Updates updates;

    /**
     * @param sc        the Spark context
     * @param network   the network, with a built-in loss or one {@link NetworkDescription} can send by name; its graph
     *                  stays on the driver
     * @param optimizer applied on the driver after each step's aggregate
     */
    public SparkTrainer(JavaSparkContext sc, Network network, Optimizer optimizer) {
        this(sc, network, optimizer, DType.F64);
    }

    /**
     * As {@link #SparkTrainer(JavaSparkContext, Network, Optimizer)}, the executors' programs computing in
     * {@code dtype}; the parameters, the sums of the blocks' gradients and the optimizer stay float64.
     */
    public SparkTrainer(JavaSparkContext sc, Network network, Optimizer optimizer, DType dtype) {
        this.sc = sc;
        this.description = NetworkDescription.of(network, dtype);
        this.updates = new Updates(network, optimizer);
        this.optimizer = optimizer;
        this.baseRate = io.github.gradgraph.nn.optim.Optimizers.rateOf(optimizer);
    }

    /** @return the optimizer, updated on the driver */
    Optimizer optimizer() {
        return optimizer;
    }

    /** @return the optimizer's learning rate when this trainer was made: the base a schedule scales */
    double baseRate() {
        return baseRate;
    }

    /** Settings every gradgraph Spark job needs: Kryo with the classes it moves registered (registration required). */
    public static SparkConf configure(SparkConf conf) {
        return conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrationRequired", "true")
                .registerKryoClasses(new Class<?>[] {SampleBlock.class, GradientSum.class, NetworkDescription.class,
                    SampleRow.class, SparkSplit.BlockMaker.class, double[].class, double[][].class, long[].class,
                    int[].class, boolean[].class, Object[].class, String.class, String[].class,
                    java.util.HashMap.class, scala.Tuple2.class, scala.Tuple2[].class});
    }

    /**
     * Runs full-batch steps: each uses every sample of {@code blocks} once.
     *
     * @param blocks the samples, cached by the caller if read more than once
     * @param store  the parameters, updated on the driver after every step
     * @param steps  ≥ 1
     * @return J of each step, before its update
     */
    public double[] fit(JavaRDD<SampleBlock> blocks, ParameterStore store, int steps) {
        return fit(blocks, store, steps, null);
    }

    /** Told of each step's J as soon as its update is applied on the driver. */
    public interface StepListener {
        /** @param step counted from 1 @param loss J before the step's update */
        void step(int step, double loss);
    }

    /**
     * As {@link #fit(JavaRDD, ParameterStore, int)}, telling {@code listener} (if not null) after every step.
     */
    public double[] fit(JavaRDD<SampleBlock> blocks, ParameterStore store, int steps, StepListener listener) {
        if (steps < 1) {
            throw new IllegalArgumentException("the number of steps must be at least 1, got " + steps);
        }
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            losses[s] = updates.apply(store, aggregate(blocks, store));
            if (listener != null) {
                listener.step(s + 1, losses[s]);
            }
        }
        return losses;
    }

    /**
     * Runs mini-batch epochs following {@code schedule}: the blocks are numbered in their RDD order, and each step
     * sums the gradients of its blocks only, in tasks on the partitions that hold them.
     *
     * @param blocks   the samples, cached by the caller
     * @param store    the parameters, updated on the driver after every step
     * @param schedule which blocks each step uses; its block count must be the RDD's
     * @param epochs   ≥ 1
     * @return J of each step, before its update
     */
    public double[] fitMiniBatch(JavaRDD<SampleBlock> blocks, ParameterStore store, BlockSchedule schedule,
            int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("the number of epochs must be at least 1, got " + epochs);
        }
        NumberedBlocks numbered = new NumberedBlocks(blocks);
        long count = numbered.count();
        if (count != schedule.blocks()) {
            throw new IllegalArgumentException("the schedule is for " + schedule.blocks() + " blocks, the data has "
                    + count);
        }
        int perEpoch = schedule.steps(0).size();
        double[] losses = new double[epochs * perEpoch];
        int k = 0;
        for (int e = 0; e < epochs; e++) {
            for (int[] step : schedule.steps(e)) {
                boolean[] used = new boolean[(int) count];
                for (int b : step) {
                    used[b] = true;
                }
                losses[k++] = updates.apply(store, aggregate(numbered, store, used));
            }
        }
        numbered.unpersist();
        return losses;
    }

    /**
     * Trains as {@link io.github.gradgraph.nn.Trainer#fit(ParameterStore, io.github.gradgraph.nn.data.Dataset,
     * io.github.gradgraph.nn.data.Dataset, TrainingPlan, io.github.gradgraph.nn.Trainer.Listener) Trainer.fit} does,
     * epoch by epoch, with the same statistics: an epoch's loss is its steps' J (before their updates) weighted by
     * their samples, its train accuracy counted on the same forward passes, and the test J and accuracy are those of
     * the parameters at the epoch's end. Full batch ({@link TrainingPlan#FULL_BATCH}, or a batch of m or more) is one
     * step over every block per epoch; otherwise a step is one block, in the order of a {@link BlockSchedule} drawn
     * from the plan's seed — so read the data in blocks of the batch size (the last block of each partition may be
     * smaller).
     *
     * @param train    the training blocks, cached by the caller
     * @param test     blocks to evaluate after every epoch, or null
     * @param store    the parameters, updated on the driver
     * @param plan     epochs, batch size, seed and the epochs already done (a resumed run draws the same steps)
     * @param listener told after each epoch; may be null
     */
    public TrainingHistory fit(JavaRDD<SampleBlock> train, JavaRDD<SampleBlock> test, ParameterStore store,
            TrainingPlan plan, Trainer.Listener listener) {
        return new Epochs(this, train, test).run(store, plan, listener);
    }

    Updates updates() {
        return updates;
    }

    /** @return the sum over every block of its weighted gradients */
    GradientSum aggregate(JavaRDD<SampleBlock> blocks, ParameterStore store) {
        return overBlocks(blocks, store, true);
    }

    /** @return the sum over every block of b·J and right answers, without gradients */
    GradientSum evaluate(JavaRDD<SampleBlock> blocks, ParameterStore store) {
        return overBlocks(blocks, store, false);
    }

    /** @return the sum over every block of its weighted gradients, the dropout masks of step {@code key} */
    GradientSum aggregate(JavaRDD<SampleBlock> blocks, ParameterStore store, long key) {
        return overBlocks(blocks, store, true, key);
    }

    private GradientSum overBlocks(JavaRDD<SampleBlock> blocks, ParameterStore store, boolean gradients) {
        return overBlocks(blocks, store, gradients, 0L);
    }

    private GradientSum overBlocks(JavaRDD<SampleBlock> blocks, ParameterStore store, boolean gradients, long key) {
        NetworkDescription d = description;
        Broadcast<double[][]> params = sc.broadcast(updates.values(store));
        try {
            return sum(blocks, (acc, block) -> {
                ExecutorPrograms.Compiled program = ExecutorPrograms.get(d);
                if (gradients) {
                    program.accumulate(params.value(), block, acc, key);
                } else {
                    program.evaluate(params.value(), block, acc);
                }
                return acc;
            });
        } finally {
            params.destroy();
        }
    }

    /** @return the sum over the blocks marked in {@code used} of their weighted gradients */
    GradientSum aggregate(NumberedBlocks numbered, ParameterStore store, boolean[] used) {
        return aggregate(numbered, store, used, 0L, false);
    }

    /**
     * As {@link #aggregate(NumberedBlocks, ParameterStore, boolean[])}, with the dropout masks of step {@code key}:
     * the step's own key for a step of one block (as one machine draws a batch's masks); with {@code perBlock}, block
     * k &gt; 0 of a step over several blocks draws its own masks from the key and k (block 0 the step's, so that a
     * full batch held in one block is one machine's).
     */
    GradientSum aggregate(NumberedBlocks numbered, ParameterStore store, boolean[] used, long key, boolean perBlock) {
        NetworkDescription d = description;
        Broadcast<double[][]> params = sc.broadcast(updates.values(store));
        Broadcast<boolean[]> mask = sc.broadcast(used);
        try {
            return sum(numbered.holding(used), (acc, block) -> {
                long k = block._2();
                if (mask.value()[(int) k]) {
                    long blockKey = perBlock && k > 0 ? DropoutMasks.key(key, 0, (int) k) : key;
                    ExecutorPrograms.get(d).accumulate(params.value(), block._1(), acc, blockKey);
                }
                return acc;
            });
        } finally {
            params.destroy();
            mask.destroy();
        }
    }

    private static <T> GradientSum sum(JavaRDD<T> rdd, Function2<GradientSum, T, GradientSum> add) {
        try {
            return FixedOrderSum.of(rdd, GradientSum::new, add, GradientSum::merge);
        } catch (Exception e) {
            throw TaskFailures.unwrap(e);
        }
    }
}

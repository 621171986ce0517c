package io.github.gradgraph.spark;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.EpochStats;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingException;
import io.github.gradgraph.nn.TrainingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;

/** The epoch loop of {@link SparkTrainer#fit(JavaRDD, JavaRDD, ParameterStore, TrainingPlan, Trainer.Listener)}. */
final class Epochs {
    private final SparkTrainer trainer;
    private final JavaRDD<SampleBlock> train;
    private final JavaRDD<SampleBlock> test;

    Epochs(SparkTrainer trainer, JavaRDD<SampleBlock> train, JavaRDD<SampleBlock> test) {
        this.trainer = trainer;
        this.train = train;
        this.test = test;
    }

    TrainingHistory run(ParameterStore store, TrainingPlan plan, Trainer.Listener listener) {
        long m = samples(train);
        if (m == 0) {
            throw new IllegalArgumentException("the training data has no samples");
        }
        long testM = test == null ? 0 : samples(test);
        boolean fullBatch = plan.batchSize() == TrainingPlan.FULL_BATCH || plan.batchSize() >= m;
        NumberedBlocks numbered = null;
        BlockSchedule schedule = null;
        if (!fullBatch) {
            numbered = new NumberedBlocks(train);
            schedule = new BlockSchedule(numbered.count(), 1, plan.seed());
        }
        List<EpochStats> epochs = new ArrayList<>();
        try {
            for (int e = 0; e < plan.epochs(); e++) {
                long start = System.nanoTime();
                int epoch = plan.doneEpochs() + e;
                double lossSum = 0;
                long correct = 0;
                if (fullBatch) {
                    GradientSum sum = atStep(() -> trainer.aggregate(train, store), epoch, 1);
                    correct = sum.correct;
                    lossSum = update(store, sum, epoch, 1) * sum.samples;
                } else {
                    int b = 1;
                    for (int[] blocks : schedule.steps(epoch)) {
                        boolean[] used = new boolean[schedule.blocks()];
                        for (int k : blocks) {
                            used[k] = true;
                        }
                        NumberedBlocks all = numbered;
                        GradientSum sum = atStep(() -> trainer.aggregate(all, store, used), epoch, b);
                        correct += sum.correct;
                        lossSum += update(store, sum, epoch, b++) * sum.samples;
                    }
                }
                double testLoss = Double.NaN;
                double testAccuracy = Double.NaN;
                if (test != null && testM > 0) {
                    GradientSum t = trainer.evaluate(test, store);
                    testLoss = t.loss / testM + trainer.updates().penalty(store, testM);
                    testAccuracy = t.correct / (double) testM;
                }
                EpochStats stats = new EpochStats(epoch + 1, lossSum / m, correct / (double) m, testLoss,
                        testAccuracy, (System.nanoTime() - start) / 1e9);
                epochs.add(stats);
                if (listener != null) {
                    listener.epochEnd(stats);
                }
            }
        } finally {
            if (numbered != null) {
                numbered.unpersist();
            }
        }
        return new TrainingHistory(epochs);
    }

    /** @return the step's J, after its update */
    private double update(ParameterStore store, GradientSum sum, int epoch, int batch) {
        return atStep(() -> trainer.updates().apply(store, sum), epoch, batch);
    }

    /** @return what {@code step} gives; a J, gradient or update that is not finite stops training, naming where */
    private static <T> T atStep(Supplier<T> step, int epoch, int batch) {
        try {
            return step.get();
        } catch (TrainingException e) {
            throw new TrainingException("training stopped at epoch " + (epoch + 1) + ", batch " + batch + ": "
                    + e.getMessage() + "; a smaller learning rate may help");
        }
    }

    private static long samples(JavaRDD<SampleBlock> blocks) {
        return blocks.map(b -> (long) b.size()).fold(0L, Long::sum);
    }
}

package io.github.gradgraph.spark;

import io.github.gradgraph.nn.DropoutMasks;
import io.github.gradgraph.nn.EpochRegimen;

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
        if (trainer.updates().normalizes()) { // a block normalizes over its own samples: one would normalize to 0
            int smallest = train.map(SampleBlock::size).fold(Integer.MAX_VALUE, Math::min);
            if (smallest < 2) {
                throw new IllegalArgumentException("batch normalization needs at least 2 samples in every block of a "
                        + "step, and the data has a block of " + smallest + "; choose a batch size (or a number of "
                        + "partitions) that leaves no block of one sample");
            }
        }
        boolean dropout = trainer.updates().dropsOut();
        boolean[] everyBlock = null;
        if (!fullBatch || dropout) { // dropout over several blocks: each block draws its own masks by its number
            numbered = new NumberedBlocks(train);
        }
        if (!fullBatch) {
            schedule = new BlockSchedule(numbered.count(), 1, plan.seed());
        } else if (dropout) {
            everyBlock = new boolean[(int) numbered.count()];
            java.util.Arrays.fill(everyBlock, true);
        }
        if (plan.patience() > 0 && (test == null || testM == 0)) {
            throw new IllegalArgumentException("early stopping on a cluster monitors the test set, and there is none");
        }
        EpochRegimen regimen = new EpochRegimen(plan, trainer.optimizer(), trainer.baseRate());
        List<EpochStats> epochs = new ArrayList<>();
        try {
            for (int e = 0; e < plan.epochs(); e++) {
                long start = System.nanoTime();
                int epoch = plan.doneEpochs() + e;
                double rate = regimen.begin(epoch);
                normSum = 0;
                steps = 0;
                double lossSum = 0;
                long correct = 0;
                if (fullBatch) {
                    long key = DropoutMasks.key(plan.seed(), epoch, 1);
                    NumberedBlocks all = numbered;
                    boolean[] used = everyBlock;
                    GradientSum sum = atStep(() -> used == null ? trainer.aggregate(train, store, key)
                            : trainer.aggregate(all, store, used, key, true), epoch, 1);
                    correct = sum.correct;
                    lossSum = update(store, sum, epoch, 1, plan.clipNorm()) * sum.samples;
                } else {
                    int b = 1;
                    for (int[] blocks : schedule.steps(epoch)) {
                        boolean[] used = new boolean[schedule.blocks()];
                        for (int k : blocks) {
                            used[k] = true;
                        }
                        NumberedBlocks all = numbered;
                        long key = DropoutMasks.key(plan.seed(), epoch, b);
                        GradientSum sum = atStep(() -> trainer.aggregate(all, store, used, key, false), epoch, b);
                        correct += sum.correct;
                        lossSum += update(store, sum, epoch, b++, plan.clipNorm()) * sum.samples;
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
                        testAccuracy, (System.nanoTime() - start) / 1e9, rate, normSum / steps, Double.NaN,
                        Double.NaN);
                epochs.add(stats);
                if (listener != null) {
                    listener.epochEnd(stats);
                }
                if (regimen.end(epoch, testLoss, store)) {
                    break;
                }
            }
        } finally {
            if (numbered != null) {
                numbered.unpersist();
            }
        }
        return regimen.finish(epochs, store);
    }

    private double normSum;
    private int steps;

    /** @return the step's J, after its update */
    private double update(ParameterStore store, GradientSum sum, int epoch, int batch, double clipNorm) {
        double loss = atStep(() -> trainer.updates().apply(store, sum, clipNorm), epoch, batch);
        normSum += trainer.updates().lastGradNorm();
        steps++;
        return loss;
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

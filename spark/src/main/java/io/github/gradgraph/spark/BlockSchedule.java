package io.github.gradgraph.spark;

import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.data.Shuffle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The distributed mini-batch schedule: the data are B blocks numbered 0…B−1 in the order of their RDD; every epoch e
 * draws a permutation of the block numbers from {@code new Random(TrainingPlan.epochSeed(seed, e))} (Fisher–Yates, as
 * {@link Shuffle}) and cuts it into steps of {@code blocksPerStep} blocks (the last step may have fewer). A step's
 * gradient is the sample-weighted mean over its blocks' samples. It depends only on the seed, the epoch and B, so a
 * run on one machine ({@link LocalReplay}) or resumed at any epoch draws the same steps.
 *
 * @param blocks        B
 * @param blocksPerStep blocks per step, ≥ 1
 * @param seed          the shuffle seed
 */
public record BlockSchedule(int blocks, int blocksPerStep, long seed) {
    public BlockSchedule {
        if (blocks < 1 || blocksPerStep < 1) {
            throw new IllegalArgumentException("a schedule needs at least one block and one block per step, got "
                    + blocks + " and " + blocksPerStep);
        }
    }

    /** @return the steps of epoch {@code epoch} (0-based), each the sorted block numbers it uses */
    public List<int[]> steps(int epoch) {
        int[] order = Shuffle.permutation(blocks, new Random(TrainingPlan.epochSeed(seed, epoch)));
        List<int[]> steps = new ArrayList<>();
        for (int start = 0; start < blocks; start += blocksPerStep) {
            int[] step = Arrays.copyOfRange(order, start, Math.min(blocks, start + blocksPerStep));
            Arrays.sort(step);
            steps.add(step);
        }
        return steps;
    }
}

package io.github.gradgraph.nn.data;

import io.github.gradgraph.nn.TrainingPlan;
import java.util.Random;

/**
 * Which examples each optimizer step of a character-level language model trains on. An epoch is N examples taken
 * B at a time, ⌈N/B⌉ steps, the last batch smaller when B does not divide N; step j (0-based over the whole run) is
 * batch j mod ⌈N/B⌉ of epoch ⌊j / ⌈N/B⌉⌋. In file order ({@code --no-shuffle}) every epoch takes the examples as the
 * file has them, so with B = 1 step j trains on example j mod N, the classic course's {@code idx = j %
 * len(examples)} loop. Shuffled, epoch e takes them in the permutation drawn from
 * {@link TrainingPlan#epochSeed(long, int)} of the seed and e, the trainer's own rule, so a resumed run sees the same
 * batches.
 *
 * <p>Not thread-safe: it keeps the current epoch's order.
 */
public final class SequenceBatches {
    private final TextLines text;
    private final int batchSize;
    private final boolean shuffled;
    private final long seed;
    private int orderEpoch = -1;
    private int[] order;

    private SequenceBatches(TextLines text, int batchSize, boolean shuffled, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " < 1");
        }
        this.text = text;
        this.batchSize = Math.min(batchSize, text.size());
        this.shuffled = shuffled;
        this.seed = seed;
    }

    /** @return batches of {@code batchSize} (at most N) in the file's order, epoch after epoch */
    public static SequenceBatches inFileOrder(TextLines text, int batchSize) {
        return new SequenceBatches(text, batchSize, false, 0);
    }

    /** @return batches of {@code batchSize} (at most N), each epoch in its own order drawn from {@code seed} */
    public static SequenceBatches shuffled(TextLines text, int batchSize, long seed) {
        return new SequenceBatches(text, batchSize, true, seed);
    }

    /** @return the examples */
    public TextLines text() {
        return text;
    }

    /** @return B, at most N */
    public int batchSize() {
        return batchSize;
    }

    /** @return whether each epoch has its own order */
    public boolean isShuffled() {
        return shuffled;
    }

    /** @return ⌈N/B⌉ */
    public int stepsPerEpoch() {
        return (text.size() + batchSize - 1) / batchSize;
    }

    /** @return the examples of epoch e (0-based) in the order its batches take them (a copy) */
    public int[] order(int epoch) {
        return orderOf(epoch).clone();
    }

    private int[] orderOf(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " < 0");
        }
        if (order == null || shuffled && orderEpoch != epoch) {
            order = new int[text.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            if (shuffled) {
                Shuffle.shuffle(order, new Random(TrainingPlan.epochSeed(seed, epoch)));
            }
            orderEpoch = epoch;
        }
        return order;
    }

    /** @return the example indices of optimizer step j (0-based over the whole run), column by column */
    public int[] examples(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step " + step + " < 0");
        }
        int perEpoch = stepsPerEpoch();
        int[] o = orderOf(Math.toIntExact(step / perEpoch));
        int from = (int) (step % perEpoch) * batchSize;
        return java.util.Arrays.copyOfRange(o, from, Math.min(from + batchSize, o.length));
    }

    /** @return X and Y of optimizer step j */
    public SequenceBatch batch(long step) {
        return SequenceBatch.of(text, examples(step));
    }

    /**
     * Writes X and Y of optimizer step j into x and y, allocating nothing once they have grown to the largest batch.
     *
     * @param x T × m input ids (Modified.)
     * @param y T × m target ids (Modified.)
     */
    public void fill(long step, org.ejml.data.DMatrixRMaj x, org.ejml.data.DMatrixRMaj y) {
        if (step < 0) {
            throw new IllegalArgumentException("step " + step + " < 0");
        }
        int perEpoch = stepsPerEpoch();
        int[] o = orderOf(Math.toIntExact(step / perEpoch));
        int from = (int) (step % perEpoch) * batchSize;
        SequenceBatch.fill(text, o, from, Math.min(batchSize, o.length - from), x, y);
    }
}

package io.github.gradgraph.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Batches of examples as T × m id matrices, their padding, and the order of the optimizer's steps. */
class SequenceBatchesTest {
    // \n = 0, a = 1, b = 2, c = 3, d = 4
    private static final TextLines TEXT = TextLines.of("t", "abc\n\nd\nbb\nca\n");

    private static double[][] rows(DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                r[i][j] = m.get(i, j);
            }
        }
        return r;
    }

    @Test
    void batch_isTByM_paddedWithMinusOneInXAndY() {
        SequenceBatch b = SequenceBatch.of(TEXT, 0, 1, 2); // "abc", "", "d"
        assertEquals(4, b.steps());
        assertEquals(3, b.size());
        assertArrayEquals(new double[][] {{-1, -1, -1}, {1, -1, 4}, {2, -1, -1}, {3, -1, -1}}, rows(b.x()));
        assertArrayEquals(new double[][] {{1, 0, 4}, {2, -1, 0}, {3, -1, -1}, {0, -1, -1}}, rows(b.y()));
        assertEquals(4 + 1 + 2, b.tokens());
    }

    @Test
    void batch_columnsFollowTheGivenOrder() {
        SequenceBatch b = SequenceBatch.of(TEXT, 4, 3); // "ca", "bb"
        assertArrayEquals(new double[][] {{-1, -1}, {3, 2}, {1, 2}}, rows(b.x()));
        assertArrayEquals(new double[][] {{3, 2}, {1, 2}, {0, 0}}, rows(b.y()));
    }

    @Test
    void fill_reusesTheBuffers_andClearsWhatALongerBatchLeft() {
        DMatrixRMaj x = new DMatrixRMaj(1, 1);
        DMatrixRMaj y = new DMatrixRMaj(1, 1);
        int[] all = {0, 3, 1, 2};
        SequenceBatch.fill(TEXT, all, 0, 2, x, y); // "abc", "bb": 4 × 2
        double[] xData = x.data;
        SequenceBatch.fill(TEXT, all, 2, 2, x, y); // "", "d": 2 × 2
        assertEquals(xData, x.data, "no new array for a smaller batch");
        assertArrayEquals(new double[][] {{-1, -1}, {-1, 4}}, rows(x));
        assertArrayEquals(new double[][] {{0, 4}, {-1, 0}}, rows(y));
        assertEquals(3, SequenceBatch.tokens(y));
    }

    @Test
    void noShuffle_batchSizeOne_stepJTrainsOnExampleJModN() {
        SequenceBatches s = SequenceBatches.inFileOrder(TEXT, 1);
        assertEquals(5, s.stepsPerEpoch());
        for (int j = 0; j < 23; j++) {
            assertArrayEquals(new int[] {j % 5}, s.examples(j), "step " + j);
            assertArrayEquals(rows(SequenceBatch.of(TEXT, j % 5).x()), rows(s.batch(j).x()));
        }
    }

    @Test
    void noShuffle_largerBatches_lastOneOfAnEpochIsSmaller() {
        SequenceBatches s = SequenceBatches.inFileOrder(TEXT, 2);
        assertEquals(3, s.stepsPerEpoch());
        int[][] want = {{0, 1}, {2, 3}, {4}, {0, 1}, {2, 3}, {4}, {0, 1}};
        for (int j = 0; j < want.length; j++) {
            assertArrayEquals(want[j], s.examples(j), "step " + j);
        }
        assertEquals(5, SequenceBatches.inFileOrder(TEXT, 50).batchSize());
    }

    @Test
    void shuffled_eachEpochIsAPermutationOfItsOwn_repeatableFromTheSeed() {
        TextLines names = TextLines.of("n", String.join("\n", "a", "b", "c", "d", "ab", "ba", "cd", "dc", "abc"));
        SequenceBatches s = SequenceBatches.shuffled(names, 4, 42);
        SequenceBatches again = SequenceBatches.shuffled(names, 4, 42);
        assertEquals(3, s.stepsPerEpoch());
        int[] e0 = s.order(0);
        int[] e1 = s.order(1);
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, sorted);
        assertNotEquals(Arrays.toString(e0), Arrays.toString(e1));
        // steps read the epoch's order B at a time, whatever order the steps are asked in
        assertArrayEquals(Arrays.copyOfRange(e1, 8, 9), s.examples(5));
        assertArrayEquals(Arrays.copyOfRange(e0, 4, 8), s.examples(1));
        assertArrayEquals(Arrays.copyOfRange(e1, 0, 4), again.examples(3));
        assertArrayEquals(e1, again.order(1));
        assertNotEquals(Arrays.toString(e0), Arrays.toString(SequenceBatches.shuffled(names, 4, 43).order(0)));
    }

    @Test
    void fillOfAStep_equalsItsBatch() {
        SequenceBatches s = SequenceBatches.shuffled(TEXT, 2, 7);
        DMatrixRMaj x = new DMatrixRMaj(1, 1);
        DMatrixRMaj y = new DMatrixRMaj(1, 1);
        for (int j = 0; j < 9; j++) {
            s.fill(j, x, y);
            SequenceBatch b = s.batch(j);
            assertArrayEquals(rows(b.x()), rows(x), "step " + j);
            assertArrayEquals(rows(b.y()), rows(y), "step " + j);
        }
    }
}

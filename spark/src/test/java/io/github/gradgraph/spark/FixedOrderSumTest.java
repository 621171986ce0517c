package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The distributed sum is bitwise the sum of the partitions' sums taken in partition order, with and without the
 * executor-side level of the tree. The values span many magnitudes, so any other order gives other bits.
 */
class FixedOrderSumTest {
    private static final int WIDTH = 3;

    @Test
    void treeAndFlatSumsFollowPartitionOrderBitwise() throws Exception {
        List<double[]> records = records(2000, 7);
        for (int partitions : new int[] {3, 20, 37}) {
            JavaRDD<double[]> rdd = LocalSpark.context().parallelize(records, partitions);
            double[] distributed = FixedOrderSum.of(rdd, () -> new double[WIDTH], FixedOrderSumTest::add,
                    FixedOrderSumTest::add);
            List<List<double[]>> byPartition = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                byPartition.add(new ArrayList<>());
            }
            rdd.mapPartitionsWithIndex((i, it) -> {
                List<Tuple2<Integer, double[]>> out = new ArrayList<>();
                it.forEachRemaining(r -> out.add(new Tuple2<>(i, r)));
                return out.iterator();
            }, true).collect().forEach(t -> byPartition.get(t._1()).add(t._2()));
            // the tree's shape: consecutive groups of partitions summed in order, then the groups in order
            int group = FixedOrderSum.usesTree(partitions) ? FixedOrderSum.groupSize(partitions) : partitions;
            double[] expected = new double[WIDTH];
            for (int g = 0; g < partitions; g += group) {
                double[] groupSum = new double[WIDTH];
                for (int p = g; p < Math.min(g + group, partitions); p++) {
                    double[] s = new double[WIDTH];
                    byPartition.get(p).forEach(r -> add(s, r));
                    add(groupSum, s);
                }
                add(expected, groupSum);
            }
            assertArrayEquals(expected, distributed, 0.0, partitions + " partitions");
            double[] reversed = new double[WIDTH];
            for (int p = byPartition.size() - 1; p >= 0; p--) {
                double[] s = new double[WIDTH];
                byPartition.get(p).forEach(r -> add(s, r));
                add(reversed, s);
            }
            assertNotEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(reversed),
                    "the data must make order visible");
        }
        assertFalse(FixedOrderSum.usesTree(3));
        assertTrue(FixedOrderSum.usesTree(20));
        assertTrue(FixedOrderSum.usesTree(37));
    }

    private static double[] add(double[] acc, double[] r) {
        for (int i = 0; i < WIDTH; i++) {
            acc[i] += r[i];
        }
        return acc;
    }

    private static List<double[]> records(int n, long seed) {
        Random random = new Random(seed);
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double[] r = new double[WIDTH];
            for (int i = 0; i < WIDTH; i++) {
                r[i] = random.nextGaussian() * Math.pow(10, random.nextInt(17) - 8);
            }
            out.add(r);
        }
        return out;
    }
}

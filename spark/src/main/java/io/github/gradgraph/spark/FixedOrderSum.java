package io.github.gradgraph.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * A tree sum of per-partition sums (gradients, or the statistics of standardization) whose floating-point result never depends on which task finished
 * first, on which executor ran it, or on a task being rerun after a lost executor. Spark's {@code treeAggregate}
 * merges partial results in the order they arrive (its shuffle and its final fold both do), so two runs can differ in
 * the last bits; here every partition's sum is merged in partition-number order: within a group of consecutive
 * partitions on an executor, then the groups in order on the driver. The tree has Spark's shape for depth 2: groups of
 * ⌈√P⌉ partitions when that makes fewer results reach the driver.
 */
final class FixedOrderSum {
    private FixedOrderSum() {
    }

    /**
     * @param rdd   the records
     * @param zero  makes an empty sum
     * @param add   adds one record to a partition's running sum (and returns it)
     * @param merge adds the second sum to the first (and returns it)
     * @return the sum of every partition's sum, in partition order
     */
    static <T, S> S of(JavaRDD<T> rdd, Function0<S> zero, Function2<S, T, S> add, Function2<S, S, S> merge)
            throws Exception {
        int partitions = rdd.getNumPartitions();
        int groupSize = groupSize(partitions);
        boolean tree = usesTree(partitions);
        JavaRDD<Tuple2<Integer, S>> partial = rdd.mapPartitionsWithIndex((index, records) -> {
            S sum = zero.call();
            while (records.hasNext()) {
                sum = add.call(sum, records.next());
            }
            return List.of(new Tuple2<>(index, sum)).iterator();
        }, true);
        if (!tree) {
            return inOrder(partial.collect(), zero, merge);
        }
        List<Tuple2<Integer, S>> groups = partial
                .mapToPair(p -> new Tuple2<>(p._1() / groupSize, p))
                .groupByKey((partitions + groupSize - 1) / groupSize)
                .map(g -> {
                    List<Tuple2<Integer, S>> members = new ArrayList<>();
                    g._2().forEach(members::add);
                    return new Tuple2<>(g._1(), inOrder(members, zero, merge));
                })
                .collect();
        return inOrder(groups, zero, merge);
    }

    static int groupSize(int partitions) {
        return (int) Math.ceil(Math.sqrt(partitions));
    }

    /** @return whether groups of partitions are summed on executors first (fewer results reach the driver) */
    static boolean usesTree(int partitions) {
        int g = groupSize(partitions);
        return partitions > g + (partitions + g - 1) / g;
    }

    /** @return the sums merged in the order of their numbers */
    static <S> S inOrder(List<Tuple2<Integer, S>> numbered, Function0<S> zero, Function2<S, S, S> merge)
            throws Exception {
        List<Tuple2<Integer, S>> sorted = new ArrayList<>(numbered);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        S total = zero.call();
        for (Tuple2<Integer, S> s : sorted) {
            total = merge.call(total, s._2());
        }
        return total;
    }
}

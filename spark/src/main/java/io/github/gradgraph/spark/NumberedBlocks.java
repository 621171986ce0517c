package io.github.gradgraph.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionPruningRDD;
import scala.Tuple2;
import scala.runtime.AbstractFunction1;

/**
 * Blocks numbered 0…B−1 in their RDD's order (cached), and which partition holds each, so that a mini-batch step runs
 * tasks only on the partitions that hold its blocks — one task for a one-block step, however many partitions the data
 * have.
 */
final class NumberedBlocks {
    private final JavaPairRDD<SampleBlock, Long> numbered;
    /** The number of the first block of each partition, and B at the end. */
    private final long[] starts;

    NumberedBlocks(JavaRDD<SampleBlock> blocks) {
        numbered = blocks.zipWithIndex().cache();
        List<Integer> counts = numbered.mapPartitions(it -> {
            int n = 0;
            for (; it.hasNext(); it.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        starts = new long[counts.size() + 1];
        for (int p = 0; p < counts.size(); p++) {
            starts[p + 1] = starts[p] + counts.get(p);
        }
    }

    /** @return B */
    int count() {
        return Math.toIntExact(starts[starts.length - 1]);
    }

    /** @return the numbered blocks of only the partitions that hold a block marked in {@code used} */
    JavaRDD<Tuple2<SampleBlock, Long>> holding(boolean[] used) {
        boolean[] keep = new boolean[starts.length - 1];
        for (int p = 0; p < keep.length; p++) {
            for (long b = starts[p]; b < starts[p + 1] && !keep[p]; b++) {
                keep[p] = used[(int) b];
            }
        }
        return PartitionPruningRDD.create(numbered.rdd(), new Keep(keep)).toJavaRDD();
    }

    void unpersist() {
        numbered.unpersist();
    }

    /** Spark's partition filter: keeps the partitions marked. */
    private static final class Keep extends AbstractFunction1<Object, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final boolean[] keep;

        Keep(boolean[] keep) {
            this.keep = keep;
        }

        @Override
        public Object apply(Object partition) {
            return keep[(Integer) partition];
        }
    }
}

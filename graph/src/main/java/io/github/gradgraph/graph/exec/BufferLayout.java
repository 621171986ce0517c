package io.github.gradgraph.graph.exec;

import io.github.gradgraph.graph.Constant;
import io.github.gradgraph.graph.Input;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Which storage each step of a program writes at one batch size, planned by liveness and independent of the number
 * type: a step's storage returns to a free pool after the last step that reads it, and later steps reuse pooled
 * storage of sufficient length (the smallest that fits). Outputs are never reused. A step's storage is taken before
 * its operands are released, so a kernel never writes over its own input. Leaves (inputs, parameters, constants)
 * have none: they are bound per run.
 */
final class BufferLayout {
    /** The storage each step writes, or −1 for a leaf. */
    final int[] storageOf;
    /** The length, in elements, of each storage. */
    final int[] lengths;

    BufferLayout(Node[] steps, int[][] args, boolean[] isOutput, int m) {
        int n = steps.length;
        int[] lastUse = new int[n];
        for (int i = 0; i < n; i++) {
            lastUse[i] = i;
            for (int a : args[i]) {
                lastUse[a] = Math.max(lastUse[a], i);
            }
        }
        for (int i = 0; i < n; i++) {
            if (isOutput[i]) {
                lastUse[i] = Integer.MAX_VALUE;
            }
        }
        storageOf = new int[n];
        List<Integer> sizes = new ArrayList<>();
        // free storages by length, each length's in the order they were freed: the best fit in O(log n), as a long
        // unrolled sequence frees and takes thousands
        java.util.TreeMap<Integer, java.util.ArrayDeque<Integer>> free = new java.util.TreeMap<>();
        List<List<Integer>> releaseAt = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            releaseAt.add(new ArrayList<>(1));
        }
        for (int i = 0; i < n; i++) {
            storageOf[i] = -1;
            if (!isLeaf(steps[i])) {
                int length = steps[i].shape().rows(m) * steps[i].shape().cols(m);
                storageOf[i] = take(free, sizes, length);
                if (lastUse[i] != Integer.MAX_VALUE) {
                    releaseAt.get(lastUse[i]).add(i);
                }
            }
            for (int dead : releaseAt.get(i)) {
                free.computeIfAbsent(sizes.get(storageOf[dead]), k -> new java.util.ArrayDeque<>()).addLast(
                        storageOf[dead]);
            }
        }
        lengths = sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    static boolean isLeaf(Node node) {
        return node.op() instanceof Input || node.op() instanceof Parameter || node.op() instanceof Constant;
    }

    /** @return the shortest free storage of at least {@code length} (the first freed of that length), or a new one */
    private static int take(java.util.TreeMap<Integer, java.util.ArrayDeque<Integer>> free, List<Integer> sizes,
            int length) {
        java.util.Map.Entry<Integer, java.util.ArrayDeque<Integer>> fit = free.ceilingEntry(length);
        if (fit != null) {
            int storage = fit.getValue().pollFirst();
            if (fit.getValue().isEmpty()) {
                free.remove(fit.getKey());
            }
            return storage;
        }
        sizes.add(length);
        return sizes.size() - 1;
    }

    /** @return the total number of elements of all storages */
    long elements() {
        long total = 0;
        for (int len : lengths) {
            total += len;
        }
        return total;
    }
}

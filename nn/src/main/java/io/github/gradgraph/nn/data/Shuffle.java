package io.github.gradgraph.nn.data;

import java.util.Random;

/** Seeded permutations (Fisher–Yates), so that shuffles repeat exactly under the same seed. */
public final class Shuffle {
    private Shuffle() {
    }

    /** @return a random permutation of 0..n−1 */
    public static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, random);
        return p;
    }

    /** Shuffles {@code p} in place. */
    public static void shuffle(int[] p, Random random) {
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }
}

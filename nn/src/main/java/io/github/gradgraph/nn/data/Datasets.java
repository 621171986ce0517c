package io.github.gradgraph.nn.data;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * The built-in data sets, generated under a seed (see DATASETS.md): the classic course's planar "flower", scikit-learn
 * style moons and circles, K-class spirals and the xor quadrants. All are 2-D, laid out 2×m.
 */
public final class Datasets {
    /** The names {@link #builtIn} accepts. */
    public static final List<String> NAMES = List.of("flower", "moons", "circles", "spirals", "xor");

    private Datasets() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @param seed the same seed gives the same points
     * @throws IllegalArgumentException naming the choices when the name is unknown
     */
    public static Dataset builtIn(String name, long seed) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "flower": return flower(seed);
            case "moons": return moons(400, 0.2, seed);
            case "circles": return circles(400, 0.1, 0.5, seed);
            case "spirals": return spirals(3, 100, seed);
            case "xor": return xor(400, 0.05, seed);
            default:
                throw new IllegalArgumentException("unknown data set '" + name + "'; choose one of "
                        + String.join(", ", NAMES) + ", or give a CSV file path");
        }
    }

    /**
     * The planar flower: 400 points, 200 per class; for class j, t runs evenly from 3.12·j to 3.12·(j+1) plus
     * N(0, 0.2²) noise, r = 4·sin(4t) plus N(0, 0.2²) noise, and the point is (r·sin t, r·cos t).
     */
    public static Dataset flower(long seed) {
        Random random = new Random(seed);
        int perClass = 200;
        DMatrixRMaj x = new DMatrixRMaj(2, 2 * perClass);
        int[] labels = new int[2 * perClass];
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < perClass; i++) {
                double t = 3.12 * j + 3.12 * i / (perClass - 1) + random.nextGaussian() * 0.2;
                double r = 4 * Math.sin(4 * t) + random.nextGaussian() * 0.2;
                int col = j * perClass + i;
                x.set(0, col, r * Math.sin(t));
                x.set(1, col, r * Math.cos(t));
                labels[col] = j;
            }
        }
        return new Dataset("flower", x, labels, List.of("0", "1"));
    }

    /** Two interleaving half circles (class 0 the upper, class 1 the lower) with N(0, noise²) noise. */
    public static Dataset moons(int m, double noise, long seed) {
        Random random = new Random(seed);
        int outer = m / 2;
        int inner = m - outer;
        DMatrixRMaj x = new DMatrixRMaj(2, m);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            boolean isOuter = i < outer;
            int k = isOuter ? i : i - outer;
            double t = Math.PI * k / Math.max(1, (isOuter ? outer : inner) - 1);
            x.set(0, i, (isOuter ? Math.cos(t) : 1 - Math.cos(t)) + random.nextGaussian() * noise);
            x.set(1, i, (isOuter ? Math.sin(t) : 1 - Math.sin(t) - 0.5) + random.nextGaussian() * noise);
            labels[i] = isOuter ? 0 : 1;
        }
        return new Dataset("moons", x, labels, List.of("0", "1"));
    }

    /** Two concentric circles, the inner one scaled by {@code factor} (class 1), with N(0, noise²) noise. */
    public static Dataset circles(int m, double noise, double factor, long seed) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("the circles' radius factor must be in (0, 1), got " + factor);
        }
        Random random = new Random(seed);
        int outer = m / 2;
        int inner = m - outer;
        DMatrixRMaj x = new DMatrixRMaj(2, m);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            boolean isOuter = i < outer;
            int k = isOuter ? i : i - outer;
            double t = 2 * Math.PI * k / (isOuter ? outer : inner);
            double r = isOuter ? 1 : factor;
            x.set(0, i, r * Math.cos(t) + random.nextGaussian() * noise);
            x.set(1, i, r * Math.sin(t) + random.nextGaussian() * noise);
            labels[i] = isOuter ? 0 : 1;
        }
        return new Dataset("circles", x, labels, List.of("0", "1"));
    }

    /**
     * K spiral arms of N points each: for class k the radius runs evenly from 0 to 1 and the angle from 4k to 4(k+1)
     * plus N(0, 0.2²) noise; the point is (r·sin θ, r·cos θ).
     */
    public static Dataset spirals(int classes, int perClass, long seed) {
        if (classes < 2 || perClass < 2) {
            throw new IllegalArgumentException("spirals need at least 2 classes of 2 points");
        }
        Random random = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(2, classes * perClass);
        int[] labels = new int[classes * perClass];
        String[] names = new String[classes];
        for (int k = 0; k < classes; k++) {
            names[k] = Integer.toString(k);
            for (int i = 0; i < perClass; i++) {
                double r = (double) i / (perClass - 1);
                double theta = 4.0 * k + 4.0 * i / (perClass - 1) + random.nextGaussian() * 0.2;
                int col = k * perClass + i;
                x.set(0, col, r * Math.sin(theta));
                x.set(1, col, r * Math.cos(theta));
                labels[col] = k;
            }
        }
        return new Dataset("spirals", x, labels, List.of(names));
    }

    /**
     * The xor quadrants: m points uniform in [−1, 1]², each coordinate moved 0.05 away from its axis, labelled 1
     * where exactly one coordinate is positive (the two classes sit in opposite quadrants, so no line separates
     * them), then moved by N(0, noise²) noise.
     */
    public static Dataset xor(int m, double noise, long seed) {
        if (m < 2 || !(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("xor needs at least 2 points and a finite noise ≥ 0");
        }
        Random random = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(2, m);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            double a = random.nextDouble() * 2 - 1;
            double b = random.nextDouble() * 2 - 1;
            a += Math.copySign(0.05, a);
            b += Math.copySign(0.05, b);
            labels[i] = (a > 0) != (b > 0) ? 1 : 0;
            x.set(0, i, a + random.nextGaussian() * noise);
            x.set(1, i, b + random.nextGaussian() * noise);
        }
        return new Dataset("xor", x, labels, List.of("0", "1"));
    }
}

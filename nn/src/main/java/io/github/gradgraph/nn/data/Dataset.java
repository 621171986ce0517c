package io.github.gradgraph.nn.data;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Labelled samples laid out as the classic equations lay them out: features X (n[0]×m, one column per sample) and a class label
 * per sample, 0 ≤ label &lt; classes.
 *
 * @param name       for messages and reports
 * @param x          n[0]×m features
 * @param labels     m class indices
 * @param classNames the name of each class index, as found in the data
 */
public record Dataset(String name, DMatrixRMaj x, int[] labels, List<String> classNames) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        if (x.numCols != labels.length) {
            throw new IllegalArgumentException(name + ": " + x.numCols + " samples but " + labels.length + " labels");
        }
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + label + " outside 0.." + (classNames.size() - 1));
            }
        }
        classNames = List.copyOf(classNames);
    }

    /** @return m */
    public int size() {
        return labels.length;
    }

    /** @return n[0] */
    public int features() {
        return x.numRows;
    }

    /** @return the number of classes */
    public int classes() {
        return classNames.size();
    }

    /**
     * The label matrix Y for a network with {@code outputs} units: 1×m of 0/1 for one output (two classes), one-hot
     * classes×m otherwise.
     *
     * @throws IllegalArgumentException when the output count fits neither
     */
    public DMatrixRMaj targets(int outputs) {
        if (outputs == 1) {
            if (classes() > 2) {
                throw new IllegalArgumentException("the network has 1 output but " + name + " has " + classes()
                        + " classes: give the network " + classes() + " outputs and a softmax output");
            }
            DMatrixRMaj y = new DMatrixRMaj(1, size());
            for (int i = 0; i < size(); i++) {
                y.data[i] = labels[i];
            }
            return y;
        }
        if (outputs != classes()) {
            throw new IllegalArgumentException("the network has " + outputs + " outputs but " + name + " has "
                    + classes() + " classes: give the network " + (classes() == 2 ? "1 or 2" : classes()) + " outputs");
        }
        DMatrixRMaj y = new DMatrixRMaj(outputs, size());
        for (int i = 0; i < size(); i++) {
            y.set(labels[i], i, 1.0);
        }
        return y;
    }

    /** @return the samples at {@code columns}, in that order */
    public Dataset select(int[] columns) {
        DMatrixRMaj sx = new DMatrixRMaj(features(), columns.length);
        int[] sl = new int[columns.length];
        for (int j = 0; j < columns.length; j++) {
            for (int i = 0; i < features(); i++) {
                sx.set(i, j, x.get(i, columns[j]));
            }
            sl[j] = labels[columns[j]];
        }
        return new Dataset(name, sx, sl, classNames);
    }

    /** @return this data set with other features (same samples and labels) */
    public Dataset withFeatures(DMatrixRMaj features) {
        return new Dataset(name, features, labels, classNames);
    }

    /**
     * This data set's samples with the class indices of another's, matched by class name, so that a separate test
     * file whose labels are a subset (or in another order) means the same classes as the training data.
     *
     * @throws DataException naming a class this data set has and {@code reference} has not
     */
    public Dataset withClassesOf(Dataset reference) {
        int[] index = new int[classes()];
        for (int k = 0; k < classes(); k++) {
            index[k] = reference.classNames().indexOf(classNames.get(k));
            boolean used = false;
            for (int label : labels) {
                used |= label == k;
            }
            if (index[k] < 0 && used) {
                throw new DataException(name + " has class '" + classNames.get(k) + "', which " + reference.name()
                        + " does not have (its classes: " + String.join(", ", reference.classNames()) + ")");
            }
        }
        int[] mapped = new int[labels.length];
        for (int j = 0; j < labels.length; j++) {
            mapped[j] = index[labels[j]];
        }
        return new Dataset(name, x, mapped, reference.classNames());
    }

    /**
     * A shuffled train/test split.
     *
     * @param testFraction in [0, 1); 0 leaves the test part empty
     * @param seed         the same seed gives the same split
     */
    public Split split(double testFraction, long seed) {
        int[] order = splitOrder(name, size(), testFraction, seed);
        int test = size() - trainCount(size(), testFraction);
        int[] trainIdx = java.util.Arrays.copyOfRange(order, test, size());
        int[] testIdx = java.util.Arrays.copyOfRange(order, 0, test);
        return new Split(select(trainIdx), test == 0 ? null : select(testIdx));
    }

    /**
     * The order {@link #split} draws: its first {@code m − trainCount(m, testFraction)} entries are the held-out
     * samples, the rest the training samples — shared by every reader that must hold out what one machine holds out.
     *
     * @param name for the message
     * @throws IllegalArgumentException when the fraction is outside [0, 1) or leaves no training sample
     */
    public static int[] splitOrder(String name, int m, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be in [0, 1), got " + testFraction);
        }
        if (trainCount(m, testFraction) < 1) {
            throw new IllegalArgumentException(name + " has too few samples (" + m + ") to split");
        }
        return Shuffle.permutation(m, new Random(seed));
    }

    /** @return how many of m samples {@link #split} keeps for training */
    public static int trainCount(int m, double testFraction) {
        return m - (int) Math.round(m * testFraction);
    }

    /**
     * The two parts of a split.
     *
     * @param train the training samples
     * @param test  the held-out samples, or null when none were held out
     */
    public record Split(Dataset train, Dataset test) {
    }
}

package io.github.gradgraph.nn.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Class labels from a numeric array: class indices 0, 1, … (0/1 for a sigmoid output) as a vector of m or an m×1
 * array, or one-hot rows as an m×K array. Classes are named by their index.
 *
 * @param labels     the class of each sample
 * @param classNames "0", "1", … up to the largest class (at least two)
 */
public record ArrayLabels(int[] labels, List<String> classNames) {
    /** Labels larger than this are not class indices but some other number (a measurement, an id). */
    public static final int MAX_CLASSES = 100_000;

    /**
     * @param y the labels, first axis the sample
     * @throws DataException naming the source, sample and value of the first label that is not a class
     */
    public static ArrayLabels of(NumericArray y) {
        int[] shape = y.shape();
        int m = y.samples();
        double[] v = y.values();
        int[] labels = new int[m];
        int classes = 2;
        if (shape.length == 1 || (shape.length == 2 && shape[1] == 1)) {
            for (int j = 0; j < m; j++) {
                labels[j] = classIndex(y.source(), j, v[j]);
                classes = Math.max(classes, labels[j] + 1);
            }
        } else if (shape.length == 2) {
            classes = shape[1];
            for (int j = 0; j < m; j++) {
                labels[j] = oneHot(y, j, classes);
            }
        } else {
            throw new DataException(y.source() + ": labels of shape " + y.shapeText() + "; expected (m,), (m, 1) "
                    + "or one-hot (m, classes)");
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        return new ArrayLabels(labels, names);
    }

    /**
     * @param source for the message
     * @param sample the sample's number, for the message
     * @return {@code value} as a class index
     * @throws DataException when it is not a whole number from 0 to {@value #MAX_CLASSES} − 1
     */
    public static int classIndex(String source, long sample, double value) {
        if (!(value >= 0 && value == Math.rint(value) && value < MAX_CLASSES)) {
            throw new DataException(source + ": sample " + sample + " has label " + value + "; labels must be class "
                    + "indices 0, 1, … (0/1 for a sigmoid output) or one-hot rows");
        }
        return (int) value;
    }

    private static int oneHot(NumericArray y, int j, int classes) {
        double[] v = y.values();
        int hot = -1;
        for (int k = 0; k < classes; k++) {
            double c = v[j * classes + k];
            if (c == 1 && hot < 0) {
                hot = k;
            } else if (c != 0) {
                hot = -2;
                break;
            }
        }
        if (hot < 0) {
            StringBuilder row = new StringBuilder();
            for (int k = 0; k < Math.min(classes, 8); k++) {
                row.append(k > 0 ? ", " : "").append(v[j * classes + k]);
            }
            throw new DataException(y.source() + ": row " + j + " [" + row + (classes > 8 ? ", …" : "")
                    + "] is not one-hot (exactly one 1, the rest 0)");
        }
        return hot;
    }
}

package io.github.gradgraph.nn;

import org.ejml.data.DMatrixRMaj;

/** Classification metrics from a network output A[L]. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * @return the predicted class of sample j: for one output unit, 1 when A[L] ≥ 0.5, else 0; for several, the
     *     arg-max of column j
     */
    public static int predictedClass(DMatrixRMaj output, int j) {
        if (output.numRows == 1) {
            return output.get(0, j) >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int i = 1; i < output.numRows; i++) {
            if (output.get(i, j) > output.get(best, j)) {
                best = i;
            }
        }
        return best;
    }

    /** @return the fraction of columns whose predicted class equals the label */
    public static double accuracy(DMatrixRMaj output, int[] labels) {
        return correct(output, labels, 0) / (double) labels.length;
    }

    /** @return how many of the columns match {@code labels[offset + j]} */
    static int correct(DMatrixRMaj output, int[] labels, int offset) {
        int ok = 0;
        for (int j = 0; j < output.numCols; j++) {
            ok += predictedClass(output, j) == labels[offset + j] ? 1 : 0;
        }
        return ok;
    }
}

package io.github.gradgraph.nn.data;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * An n-dimensional array read from a numpy, HDF5 or safetensors file, widened to float64, its values in row-major (C)
 * order. In data files the first axis is the sample (numpy's convention, m × …).
 *
 * @param source where it came from, for messages: the file and the array's name
 * @param shape  the size of each axis; empty for a scalar
 * @param values every element in row-major order
 */
public record NumericArray(String source, int[] shape, double[] values) {
    public NumericArray {
        Objects.requireNonNull(source, "source");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(source + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + values.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return the shape as numpy prints it, e.g. (209, 64, 64, 3) */
    public String shapeText() {
        return shapeText(shape);
    }

    /** @return {@code shape} as numpy prints it */
    public static String shapeText(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** @return the number of samples: the size of the first axis */
    public int samples() {
        if (shape.length == 0) {
            throw new DataException(source + " is a scalar, not an array of samples");
        }
        return shape[0];
    }

    /** @return the values per sample: the product of every axis after the first */
    public int perSample() {
        int n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /**
     * The samples as the columns of a matrix, each flattened in row-major order: a (209, 64, 64, 3) image array
     * becomes 12,288 × 209.
     */
    public DMatrixRMaj sampleColumns() {
        int m = samples();
        int n = perSample();
        DMatrixRMaj x = new DMatrixRMaj(n, m);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                x.data[i * m + j] = values[j * n + i];
            }
        }
        return x;
    }

    /** @return the array as a rows × columns matrix when it has two axes, or one column when it has one */
    public DMatrixRMaj matrix() {
        if (shape.length == 2) {
            return DMatrixRMaj.wrap(shape[0], shape[1], values.clone());
        }
        if (shape.length == 1) {
            return DMatrixRMaj.wrap(shape[0], 1, values.clone());
        }
        throw new DataException(source + " has shape " + shapeText() + "; expected a vector or a matrix");
    }
}

package io.github.gradgraph.spark;

import java.io.Serializable;

/**
 * One sample of a CSV file as an executor parsed it: its number among the file's samples (0-based, header and blank
 * lines not counted), its features in file order without the label, and its label as written. (A class, not a record:
 * Spark's Kryo cannot set a record's fields.)
 */
final class SampleRow implements Serializable {
    private static final long serialVersionUID = 1L;

    final long index;
    final double[] x;
    final String label;

    SampleRow(long index, double[] x, String label) {
        this.index = index;
        this.x = x;
        this.label = label;
    }
}

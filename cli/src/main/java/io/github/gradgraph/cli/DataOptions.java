package io.github.gradgraph.cli;

import picocli.CommandLine.Option;

/** Which data, how to read it, how to prepare its features, and what to test on: shared by train and gradcheck. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "NAME|FILE",
            description = "A built-in data set (flower, moons, circles, spirals, xor; fashion-mnist: 28x28x1 images "
                    + "from Debian's dataset-fashion-mnist package, tested on its 10,000 test images, scaled by 1/255)"
                    + " or a file: CSV, numpy .npy/.npz, HDF5 .h5/.hdf5 or IDX (*-ubyte, *.idx, maybe .gz), by "
                    + "name. Default: flower.")
    String data;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "CSV: the column holding the class label, a header name or 0-based index. Default: the last.")
    String labelColumn;

    @Option(names = "--labels", paramLabel = "FILE",
            description = ".npy: the labels in a second .npy file (class indices or one-hot rows); default: the "
                    + "last column of --data. IDX: the labels' IDX file (required).")
    String labels;

    @Option(names = "--x-key", paramLabel = "NAME",
            description = ".npz and HDF5: the features array, first axis the sample. Default: X.")
    String xKey;

    @Option(names = "--y-key", paramLabel = "NAME",
            description = ".npz and HDF5: the labels array: class indices (0/1 for a sigmoid output) or one-hot "
                    + "rows. Default: Y.")
    String yKey;

    @Option(names = "--scale", paramLabel = "FACTOR",
            description = "Multiply every feature by this, e.g. 1/255 for pixels (a fraction is accepted). "
                    + "Default: 1 (1/255 for fashion-mnist).")
    String scale;

    @Option(names = "--standardize", paramLabel = "zscore|none",
            description = "zscore: per-feature (x - mean) / std fitted on the training set, saved with the model; "
                    + "none: the values as they are. Default: zscore for built-in 2-D and CSV data, none for "
                    + "fashion-mnist, numpy, HDF5 and IDX files.")
    String standardize;

    @Option(names = "--test-data", paramLabel = "FILE",
            description = "Evaluate on this file (any supported format) instead of a random split of --data. Its "
                    + "arrays are read with the same keys, or with 'train' in them replaced by 'test' when the file "
                    + "has those instead (train_set_x → test_set_x, as in the classic course's files).")
    String testData;

    @Option(names = "--test-labels", paramLabel = "FILE",
            description = "The labels of --test-data when they are in a second file, as --labels are for --data "
                    + "(an IDX test file needs it: t10k-images-idx3-ubyte goes with t10k-labels-idx1-ubyte). "
                    + "Default for .npy: --labels.")
    String testLabels;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Fraction of --data held out for testing when there is no --test-data. Default: 0.2.")
    Double testFraction;
}

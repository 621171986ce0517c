/**
 * Samples in the column-per-sample layout (X is n[0] × m): built-in data sets, CSV, numpy {@code .npy}/{@code .npz}
 * and HDF5 files (first axis the sample; each sample flattened in C order to one column), class labels as indices or
 * one-hot rows, and preprocessing x′ = (s·x − μ)/σ fitted on the training set.
 */
package io.github.gradgraph.nn.data;

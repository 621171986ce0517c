/**
 * Samples in the column-per-sample layout (X is n[0] × m): built-in data sets (Fashion-MNIST from Debian's package
 * among them), CSV, numpy {@code .npy}/{@code .npz}, HDF5 and IDX files (first axis the sample; each sample flattened
 * in C order to one column), class labels as indices or one-hot rows, and preprocessing x′ = (s·x − μ)/σ fitted on
 * the training set. Text for character-level models: {@link io.github.gradgraph.nn.data.TextLines} (one example per
 * line of UTF-8), its {@link io.github.gradgraph.nn.data.Vocabulary} of code points, and T × m token-id batches
 * ({@link io.github.gradgraph.nn.data.SequenceBatch}, {@link io.github.gradgraph.nn.data.SequenceBatches}).
 */
package io.github.gradgraph.nn.data;

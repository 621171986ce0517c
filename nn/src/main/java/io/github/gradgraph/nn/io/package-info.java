/**
 * Files: checkpoints as safetensors (float64 W1, b1, …; the network, preprocessing and training state in
 * {@code __metadata__}; written atomically, verified by SHA-256 on load), starting weights from any safetensors or
 * {@code .npz} writer, and the per-epoch history as CSV.
 */
package io.github.gradgraph.nn.io;

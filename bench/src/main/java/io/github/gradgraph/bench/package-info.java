/**
 * Speed measurements (JMH and interleaved ratio runs): the training step against the same step written by hand in
 * EJML, against its matrix products alone, and against numpy and PyTorch in the same run; matrix-product rates per
 * backend and thread split. Results are ratios with their spread, never times asserted in tests.
 */
package io.github.gradgraph.bench;

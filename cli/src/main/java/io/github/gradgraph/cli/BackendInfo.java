package io.github.gradgraph.cli;

import io.github.gradgraph.core.Backends;
import io.github.gradgraph.core.MatMul;

/** The one line the commands print about the matrix-product backend in use, with any fallback's reason. */
final class BackendInfo {
    private BackendInfo() {
    }

    /** @return e.g. "matrix products: OpenBLAS 0.3.31 (native, …), 2 threads" */
    static String line() {
        String notes = String.join("; ", Backends.report());
        return "matrix products: " + MatMul.backend().name() + (notes.isEmpty() ? "" : " (" + notes + ")");
    }
}

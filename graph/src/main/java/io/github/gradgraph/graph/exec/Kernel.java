package io.github.gradgraph.graph.exec;

import org.ejml.data.DMatrixRMaj;

/** What one step of a compiled program runs: fills {@code out} from {@code in}, allocating nothing. */
@FunctionalInterface
public interface Kernel {
    /**
     * @param in  the step's operands; not modified
     * @param out the step's value, of the step node's shape; modified
     */
    void run(DMatrixRMaj[] in, DMatrixRMaj out);
}

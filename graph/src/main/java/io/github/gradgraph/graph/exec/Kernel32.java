package io.github.gradgraph.graph.exec;

import org.ejml.data.FMatrixRMaj;

/** What one step of a float32 program runs: fills {@code out} from {@code in}, allocating nothing. */
@FunctionalInterface
public interface Kernel32 {
    /**
     * @param in  the step's operands; not modified
     * @param out the step's value, of the step node's shape; modified
     */
    void run(FMatrixRMaj[] in, FMatrixRMaj out);
}

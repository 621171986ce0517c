package io.github.gradgraph.nn.optim;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Updates parameters in place from their gradients, once per training step. Optimizers with state (momentum, RMSProp,
 * Adam) keep one state buffer per parameter, allocated on the first step; later steps allocate nothing.
 */
public interface Optimizer {
    /** @return the command-line name */
    String name();

    /**
     * One update.
     *
     * @param params the parameter values, in a fixed order across steps. Modified.
     * @param grads  ∂J/∂param for each, same order and shapes. Not modified.
     */
    void step(List<DMatrixRMaj> params, List<DMatrixRMaj> grads);

    /** @return a copy of what this optimizer remembers between steps; stateless optimizers remember nothing */
    default OptimizerState state() {
        return OptimizerState.fresh(name());
    }

    /**
     * Continues from a saved state, so that the next step is the one that would have followed it.
     *
     * @throws IllegalArgumentException when the state is another optimizer's or lacks a buffer this one needs
     */
    default void restore(OptimizerState state) {
        Optimizers.checkSameOptimizer(name(), state);
    }
}

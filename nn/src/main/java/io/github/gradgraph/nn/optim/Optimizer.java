package io.github.gradgraph.nn.optim;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.ValueAndGrad;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Updates parameters in place from their gradients, once per training step. Optimizers with state (momentum, RMSProp,
 * Adam) keep one state buffer per parameter, allocated on the first step; later steps allocate nothing.
 */
public interface Optimizer {
    /** @return the command-line name */
    String name();

    /** @return α, the learning rate the next step uses */
    default double learningRate() {
        throw new UnsupportedOperationException(name() + " has no learning rate to read or schedule");
    }

    /**
     * Sets α for the steps that follow, as a learning-rate schedule does between epochs (PyTorch's
     * {@code param_group['lr']}); the optimizer's state (moments, step count) is kept.
     *
     * @param rate a finite α &gt; 0
     * @throws IllegalArgumentException when it is not
     */
    default void setLearningRate(double rate) {
        throw new UnsupportedOperationException(name() + " has no learning rate to schedule");
    }

    /**
     * One update.
     *
     * @param params the parameter values, in a fixed order across steps. Modified.
     * @param grads  ∂J/∂param for each, same order and shapes. Not modified.
     */
    void step(List<DMatrixRMaj> params, List<DMatrixRMaj> grads);

    /**
     * One update of any graph's parameters from a {@link ValueAndGrad} run: each variable's value in {@code store} is
     * moved by its gradient. Call it with the same value-and-grad every step (the optimizer's state follows the
     * variables' order).
     *
     * @param store  the parameter values; modified
     * @param result the gradients; not modified
     * @throws IllegalArgumentException naming a variable that has no value in the store
     */
    default void update(ParameterStore store, ValueAndGrad.Result result) {
        List<Node> vars = result.variables();
        List<DMatrixRMaj> values = new ArrayList<>(vars.size());
        for (Node v : vars) {
            DMatrixRMaj value = store.get(v);
            if (value == null) {
                throw new IllegalArgumentException("parameter " + v.label() + " has no value in the store; "
                        + "initialize it first");
            }
            values.add(value);
        }
        step(values, result.gradients());
    }

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

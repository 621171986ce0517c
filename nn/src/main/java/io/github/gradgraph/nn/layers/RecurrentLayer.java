package io.github.gradgraph.nn.layers;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.Activation;
import java.util.List;

/**
 * A layer that carries a state from one time step to the next: {@code rnnN}, {@code lstmN}, {@code gruN}. A network
 * with one is a sequence network ({@link io.github.gradgraph.nn.Sequence}): every other layer applies at each step
 * on its own, while a recurrent layer is unrolled over the T steps in the graph, so backpropagation through time is
 * ordinary reverse mode over the unrolled nodes. The state a⟨0⟩ (and c⟨0⟩) is an input of the network — zeros, or
 * the last state of the step before when training is stateful.
 *
 * <p>Parameters carry the course's names: for a network's only recurrent layer as they are ({@code Wax, Waa, b};
 * {@code Wf, bf, …}), for stacked ones with the layer's number l appended ({@code Wax1}, {@code Waa1}, …).
 */
public interface RecurrentLayer extends Layer {
    /** @return n_a, the size of the hidden state a⟨t⟩ */
    int units();

    /** @return the kind as the layer text writes it: {@code rnn}, {@code lstm} or {@code gru} */
    String kind();

    /** @return how many n_a-row products of [a⟨t−1⟩; x⟨t⟩] a step takes: 1 (RNN), 3 (GRU), 4 (LSTM) */
    int gates();

    /** @return the names of the state, a⟨t⟩ first: {@code [a]}, or {@code [a, c]} for an LSTM */
    List<String> states();

    /** @return the names of the output projection that follows this layer as a model's last: Wya, by or Wy, by */
    default List<String> outputNames() {
        return List.of("Wy", "by");
    }

    /**
     * Declares the cell's parameters.
     *
     * @param context where the layer sits
     * @param suffix  appended to every parameter name: "" for a network's only recurrent layer, else its number l
     * @return the cell, whose {@link Cell#step} builds one time step's nodes
     */
    Cell cell(LayerContext context, String suffix);

    /** The nodes of one time step. */
    @FunctionalInterface
    interface Cell {
        /**
         * @param x        x⟨t⟩, n_x × m
         * @param previous the state at t − 1, in the order of {@link #states()}
         * @param tag      what to append to the step's names, such as {@code ⟨3⟩} or {@code [2]⟨3⟩}
         * @return the state at t, a⟨t⟩ first, each named
         */
        List<Node> step(Node x, List<Node> previous, String tag);
    }

    @Override
    default Features output(Features in) {
        if (in.image()) {
            throw new IllegalArgumentException("a recurrent layer reads a vector at each step, not an image " + in);
        }
        return Features.vector(units());
    }

    @Override
    default String text() {
        return kind() + units();
    }

    @Override
    default boolean numbered() {
        return true;
    }

    @Override
    default Activation outputActivation(Activation in) {
        return Activation.TANH;
    }

    @Override
    default double flops(Features in) {
        return 2.0 * gates() * units() * (units() + in.size());
    }

    /** A recurrent layer is unrolled by its sequence network, never built step-free. */
    @Override
    default Built build(LayerContext context) {
        throw new IllegalArgumentException("'" + text() + "' is recurrent: it runs over sequences, built as a "
                + "sequence network (io.github.gradgraph.nn.Sequence; on the command line gradgraph lm)");
    }
}

package io.github.gradgraph.nn.io;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.Standardizer;
import java.util.List;
import java.util.Objects;

/**
 * A trained model: the network's specification, its parameter values, the standardization fitted on its training
 * data (or null) and the class names. Saved as safetensors by {@link Safetensors}.
 *
 * @param spec         the network
 * @param params       W1, b1, … by name
 * @param standardizer applied to features before the network, or null
 * @param classNames   the name of each class index
 */
public record Checkpoint(NetworkSpec spec, ParameterStore params, Standardizer standardizer,
        List<String> classNames) {
    public Checkpoint {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(params, "params");
        classNames = List.copyOf(classNames);
    }

    /** @return a network of this checkpoint's spec, whose parameters are in {@link #params()} */
    public Network network() {
        return new Network(spec);
    }
}

package io.github.gradgraph.nn.io;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.data.Standardizer;
import java.util.List;
import java.util.Objects;

/**
 * A trained model: the network's specification, its parameter values, the preprocessing of its features, the class
 * names, the dtype it was trained in, and — for a run that may resume — the training state. Saved as safetensors by
 * {@link Safetensors}; the values themselves are float64 here whatever the file stores.
 *
 * @param spec         the network
 * @param params       W1, b1, … by name
 * @param standardizer applied to scaled features before the network, or null
 * @param classNames   the name of each class index
 * @param scale        every feature is multiplied by it first (1 for none)
 * @param training     where training stands, or null for a model saved without it
 * @param dtype        what the network computed in while training, and what {@code predict} computes in by default
 */
public record Checkpoint(NetworkSpec spec, ParameterStore params, Standardizer standardizer,
        List<String> classNames, double scale, TrainingState training, DType dtype) {
    public Checkpoint {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(dtype, "dtype");
        classNames = List.copyOf(classNames);
        Preprocessing.checkScale(scale);
    }

    /** A model trained in float64. */
    public Checkpoint(NetworkSpec spec, ParameterStore params, Standardizer standardizer, List<String> classNames,
            double scale, TrainingState training) {
        this(spec, params, standardizer, classNames, scale, training, DType.F64);
    }

    /** A model without training state and with unscaled features. */
    public Checkpoint(NetworkSpec spec, ParameterStore params, Standardizer standardizer, List<String> classNames) {
        this(spec, params, standardizer, classNames, 1, null);
    }

    /** A model trained in float64, with its preprocessing and training state (null for none). */
    public Checkpoint(NetworkSpec spec, ParameterStore params, Preprocessing preprocessing, List<String> classNames,
            TrainingState training) {
        this(spec, params, preprocessing, classNames, training, DType.F64);
    }

    /** A model trained in {@code dtype}, with its preprocessing and training state (null for none). */
    public Checkpoint(NetworkSpec spec, ParameterStore params, Preprocessing preprocessing, List<String> classNames,
            TrainingState training, DType dtype) {
        this(spec, params, preprocessing.standardizer(), classNames, preprocessing.scale(), training, dtype);
    }

    /** @return a network of this checkpoint's spec, whose parameters are in {@link #params()} */
    public Network network() {
        return new Network(spec);
    }

    /** @return the scale and standardization to apply to features before the network */
    public Preprocessing preprocessing() {
        return new Preprocessing(scale, standardizer);
    }
}

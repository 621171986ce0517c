package io.github.gradgraph.nn;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Draws sequences from a trained token model one step at a time, as the classic course samples names: the model
 * reads a zero vector first, then each token drawn, from the distribution ŷ⟨t⟩ its softmax output gives (sharpened
 * or flattened by a temperature τ: p ∝ ŷ^(1/τ)), until it draws the end token or reaches the length limit. One
 * network unrolled over a single step is compiled once; its state a⟨t⟩ (c⟨t⟩) is fed back at every step.
 */
public final class Sampler {
    private final Network net;
    private final Program program;
    private final ParameterStore store;
    private final Map<String, DMatrixRMaj> feeds = new HashMap<>();
    private final DMatrixRMaj token = new DMatrixRMaj(1, 1);
    private final List<DMatrixRMaj> state = new ArrayList<>();
    private final double[] weights;

    /**
     * @param spec  a sequence network over tokens with a softmax output
     * @param store its parameters; read, not modified
     */
    public Sampler(NetworkSpec spec, ParameterStore store, DType dtype) {
        this.net = new Network(spec, Sequence.tokens(1));
        if (spec.input().size() != spec.outputs()) {
            throw new IllegalArgumentException("a sampled model reads what it draws: its input size "
                    + spec.input().size() + " must equal its output size " + spec.outputs());
        }
        List<Node> outputs = new ArrayList<>();
        outputs.add(net.inferenceOutput());
        outputs.addAll(net.finalStates());
        this.program = Compiler.compile(outputs, dtype);
        this.store = store;
        this.weights = new double[spec.outputs()];
        feeds.put("X", token);
        for (Node s : net.stateInputs()) {
            DMatrixRMaj v = new DMatrixRMaj(s.shape().rows().size(), 1);
            state.add(v);
            feeds.put(s.label(), v);
        }
    }

    /**
     * Draws one sequence.
     *
     * @param random      where the draws come from
     * @param temperature τ &gt; 0: 1 samples the model as it is, lower is more conservative
     * @param prefix      token ids read first (after the zero vector) and returned in front of the drawn ones
     * @param end         the token that ends a sequence (a line end); it is not returned
     * @param maxLength   the most tokens drawn after the prefix
     * @return the prefix followed by the drawn tokens, without the end token
     */
    public int[] draw(Random random, double temperature, int[] prefix, int end, int maxLength) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("the temperature must be a finite number > 0, got " + temperature);
        }
        for (int id : prefix) {
            if (id < 0 || id >= weights.length) {
                throw new IllegalArgumentException("prefix token " + id + " is outside the vocabulary of "
                        + weights.length);
            }
        }
        state.forEach(s -> s.zero());
        List<Integer> out = new ArrayList<>();
        DMatrixRMaj probabilities = advance(-1);
        for (int id : prefix) {
            out.add(id);
            probabilities = advance(id);
        }
        for (int n = 0; n < maxLength; n++) {
            int next = pick(probabilities, temperature, random);
            if (next == end) {
                break;
            }
            out.add(next);
            probabilities = advance(next);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reads token {@code id} (−1: the zero vector) and returns ŷ, the next token's distribution. */
    private DMatrixRMaj advance(int id) {
        token.set(0, 0, id);
        Values v = program.run(feeds, store, Checks.SHAPES);
        List<Node> finals = net.finalStates();
        for (int i = 0; i < finals.size(); i++) {
            state.get(i).setTo(v.get(finals.get(i)));
        }
        return v.get(net.inferenceOutput());
    }

    private int pick(DMatrixRMaj p, double temperature, Random random) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.log(p.data[i]) / temperature;
            max = Math.max(max, weights[i]);
        }
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.exp(weights[i] - max);
            total += weights[i];
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        int last = weights.length - 1;
        while (last > 0 && weights[last] == 0) {
            last--;
        }
        return last;
    }
}

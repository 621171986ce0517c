package io.github.gradgraph.graph.autodiff;

import io.github.gradgraph.graph.GraphException;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.rewrite.Rewriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * J and its gradients in one compiled program, as JAX's {@code value_and_grad} gives them: build it once, then run it
 * every step. The gradients ∂J/∂x are derived by {@link Autodiff}, forward and backward graphs are simplified and
 * stabilized by the standard rewrites (so a loss written as in a textbook, {@code log(1 − σ(z))}, stays finite), and
 * every run checks that J and the gradients are finite, naming the node where a NaN started.
 *
 * <pre>{@code
 * ValueAndGrad vg = ValueAndGrad.of(J, W1, b1, W2, b2);      // once
 * ValueAndGrad.Result r = vg.run(feeds, params);             // every step
 * double cost = r.value();
 * DMatrixRMaj dW1 = r.gradient(W1);
 * }</pre>
 *
 * <p>Not thread-safe: it owns the program's buffers, and a result's matrices are views valid until the next run.
 */
public final class ValueAndGrad {
    private final Node j;
    private final List<Node> variables;
    private final Node value;
    private final List<Node> gradients;
    private final Program program;
    private final Map<Node, Integer> index = new IdentityHashMap<>();

    private ValueAndGrad(Node j, List<Node> variables, boolean rewrite) {
        if (j == null || !j.shape().isScalar()) {
            throw new GraphException("value-and-grad needs a 1×1 J, got " + (j == null ? "null" : j.describe()));
        }
        this.j = j;
        this.variables = List.copyOf(variables);
        if (rewrite) {
            Rewriter.Session session = Rewriter.standard().session(); // one session: backward reuses forward's nodes
            this.value = session.rewrite(List.of(j)).outputs().get(0);
            this.gradients = List.copyOf(session.rewrite(Autodiff.gradients(value, this.variables)).outputs());
        } else {
            this.value = j;
            this.gradients = List.copyOf(Autodiff.gradients(j, this.variables));
        }
        List<Node> outputs = new ArrayList<>(List.of(value));
        outputs.addAll(gradients);
        this.program = Compiler.compileAsWritten(outputs);
        for (int i = 0; i < this.variables.size(); i++) {
            index.putIfAbsent(this.variables.get(i), i);
        }
    }

    /**
     * @param j         a 1×1 node
     * @param variables the parameters (or inputs) to differentiate by
     * @throws GraphException when J is not 1×1 or a variable is not an input or parameter of J's graph
     */
    public static ValueAndGrad of(Node j, List<Node> variables) {
        return new ValueAndGrad(j, variables, true);
    }

    /**
     * J and its gradients exactly as built and derived, without the standard rewrites: to see what the graph as
     * written computes (a textbook loss may then overflow, and the run says where).
     *
     * @see #of(Node, List)
     */
    public static ValueAndGrad asWritten(Node j, Node... variables) {
        return new ValueAndGrad(j, Arrays.asList(variables), false);
    }

    /** @see #of(Node, List) */
    public static ValueAndGrad of(Node j, Node... variables) {
        return of(j, Arrays.asList(variables));
    }

    /** @return the variables, in the order given */
    public List<Node> variables() {
        return variables;
    }

    /** @return J as it is computed (after the rewrites) */
    public Node value() {
        return value;
    }

    /** @return ∂J/∂variable for each variable, as graph nodes (after the rewrites), in the variables' order */
    public List<Node> gradients() {
        return gradients;
    }

    /** @return the compiled program: J, then the gradients */
    public Program program() {
        return program;
    }

    /**
     * Computes J and every gradient, checking feeds, parameters and results; see {@link Program#run}.
     *
     * @param feeds  input values by name; not modified
     * @param params parameter values; not modified
     * @throws io.github.gradgraph.graph.NonFiniteException when J or a gradient is NaN or ∞, naming where it started
     */
    public Result run(Map<String, DMatrixRMaj> feeds, ParameterStore params) {
        return run(feeds, params, Checks.FULL);
    }

    /** As {@link #run(Map, ParameterStore)} with the validation chosen; see {@link Checks}. */
    public Result run(Map<String, DMatrixRMaj> feeds, ParameterStore params, Checks checks) {
        return new Result(program.run(feeds, params, checks));
    }

    /** The values of one run: views of the program's buffers, valid until its next run. */
    public final class Result {
        private final Values values;

        private Result(Values values) {
            this.values = values;
        }

        /** @return J */
        public double value() {
            return values.scalar(value);
        }

        /** @return ∂J/∂variable; do not modify */
        public DMatrixRMaj gradient(Node variable) {
            Integer i = index.get(variable);
            if (i == null) {
                throw new GraphException((variable == null ? "null" : variable.describe()) + " is not one of the "
                        + "variables this value-and-grad differentiates by (" + names() + ")");
            }
            return values.get(gradients.get(i));
        }

        /** @return every gradient, in the variables' order; do not modify */
        public List<DMatrixRMaj> gradients() {
            List<DMatrixRMaj> out = new ArrayList<>(gradients.size());
            for (Node g : gradients) {
                out.add(values.get(g));
            }
            return out;
        }

        /** @return the variables these gradients are of, in order */
        public List<Node> variables() {
            return variables;
        }
    }

    private String names() {
        List<String> n = new ArrayList<>();
        for (Node v : variables) {
            n.add(v.label());
        }
        return String.join(", ", n);
    }

    @Override
    public String toString() {
        return "value-and-grad of " + j.describe() + " by " + names();
    }
}

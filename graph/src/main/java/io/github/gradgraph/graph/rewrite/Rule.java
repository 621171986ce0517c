package io.github.gradgraph.graph.rewrite;

import io.github.gradgraph.graph.Node;
import java.util.function.UnaryOperator;

/**
 * One named local rewrite: given a node whose operands are already rewritten, a node computing the same value (the
 * same wherever the original is finite), or null when the rule does not apply. Rules build their result with the
 * ordinary {@code Ops}; the {@link Rewriter} simplifies what they build and rejects a result of another shape.
 */
public interface Rule {
    /** @return the name shown in the rewrite report, e.g. {@code x⊙1 → x} */
    String name();

    /** @return the replacement, or null */
    Node apply(Node node);

    /** @return a rule from a name and a function */
    static Rule of(String name, UnaryOperator<Node> f) {
        return new Rule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Node apply(Node node) {
                return f.apply(node);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}

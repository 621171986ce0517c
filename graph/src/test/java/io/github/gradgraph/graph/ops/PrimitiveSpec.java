package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One row of the primitive table that drives the property tests: how to shape and fill a random example, how to
 * build the primitive from its operands, and which checks apply.
 *
 * @param name          a row name, unique in the table
 * @param arity         the number of operands (0 for leaves, whose value is bound, not computed)
 * @param shapes        the operand shapes of an example
 * @param domain        a random value for operand {@code i}, inside the primitive's domain
 * @param build         builds the primitive's node from operand nodes and the example
 * @param secondOrder   whether the second-order property applies
 * @param stopsGradient true for stop-gradient: its VJP is zero by definition, not the derivative of its value
 */
record PrimitiveSpec(String name, int arity, Function<Example, Shape[]> shapes,
        BiFunction<Random, Integer, Double> domain, BiFunction<Node[], Example, Node> build,
        boolean secondOrder, boolean stopsGradient) {

    /**
     * The random parameters of one example: dimensions n, m, k in 1..16 and a variant that picks the broadcast case
     * and any constant of the primitive.
     */
    record Example(int n, int m, int k, int variant, Random random) {
        @Override
        public String toString() {
            return "n=" + n + " m=" + m + " k=" + k + " variant=" + variant;
        }
    }

    /** @return this row with another value domain */
    PrimitiveSpec withDomain(BiFunction<Random, Integer, Double> d) {
        return new PrimitiveSpec(name, arity, shapes, d, build, secondOrder, stopsGradient);
    }

    /** @return this row without the second-order property */
    PrimitiveSpec firstOrderOnly() {
        return new PrimitiveSpec(name, arity, shapes, domain, build, false, stopsGradient);
    }

    @Override
    public String toString() {
        return name;
    }
}

package io.github.gradgraph.cli;

import io.github.gradgraph.graph.expr.FormulaFunctionProvider;
import io.github.gradgraph.graph.expr.FormulaFunctions;
import io.github.gradgraph.graph.ops.Ops;

/** A library of formula functions as a user's jar on GRADGRAPH_CLASSPATH provides it: cube(x) = x³. */
public final class CubeFunctions implements FormulaFunctionProvider {
    @Override
    public void registerFunctions() {
        FormulaFunctions.register("cube", 1, args -> Ops.pow(args[0], 3));
    }
}

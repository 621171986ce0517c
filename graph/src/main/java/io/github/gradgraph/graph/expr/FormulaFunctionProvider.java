package io.github.gradgraph.graph.expr;

/**
 * A library of formula functions found on the classpath, so that the command line and the playground can call
 * primitives of your own without code of theirs: list the implementing class in
 * {@code META-INF/services/io.github.gradgraph.graph.expr.FormulaFunctionProvider} of your jar, and put the jar on
 * gradgraph's classpath ({@code GRADGRAPH_CLASSPATH=my-primitives.jar ./gradgraph derive --expr "swish_beta(Z, b)"}).
 * {@link FormulaFunctions} asks every provider once, before the first formula function is looked up.
 *
 * <pre>{@code
 * public final class MyFunctions implements FormulaFunctionProvider {
 *     public void registerFunctions() {
 *         FormulaFunctions.register(new SwishBeta());
 *     }
 * }
 * }</pre>
 */
public interface FormulaFunctionProvider {
    /** Registers this library's functions with {@link FormulaFunctions#register}. */
    void registerFunctions();
}

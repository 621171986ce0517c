package io.github.gradgraph.graph.expr;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.Primitive;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Functions of your own in the formula language, next to the built-in exp, log, gelu and the rest: once registered,
 * {@code name(a, b, …)} in any formula (the {@code eval} and {@code derive} commands' expressions, a loss typed in the
 * playground or given to {@code FormulaLoss}) builds your node, and derivations print it by its name.
 *
 * <pre>{@code
 * FormulaFunctions.register(new SwishBeta());       // swish_beta(x, beta) in formulas: the primitive's name, arity
 * Node j = Formula.parse("mean(swish_beta(Z, b))", shapes).result();
 * }</pre>
 *
 * <p>The registry is global to the JVM (as PyTorch's {@code torch.library}) and thread-safe. A name is a lower-case
 * identifier that no built-in function uses and that is not registered yet: registering it again is an error, not a
 * silent replacement ({@link #unregister} first).
 */
public final class FormulaFunctions {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Map<String, Entry> REGISTERED = new ConcurrentHashMap<>();
    private static volatile boolean providersLoaded;

    /** A registered function: its number of arguments and what builds its node. */
    record Entry(int arity, Function<Node[], Node> build) {
    }

    private FormulaFunctions() {
    }

    /**
     * Registers a primitive under its {@link Primitive#name()}, taking its {@link Primitive#arity()} arguments.
     *
     * @throws IllegalArgumentException when the name is not an identifier, is a built-in function or is taken
     */
    public static void register(Primitive op) {
        Objects.requireNonNull(op, "primitive");
        register(op.name(), op.arity(), args -> args[0].graph().apply(op, args));
    }

    /**
     * Registers a function built from nodes — a primitive with settings taken from its arguments, or a composite.
     *
     * @param name  a lower-case identifier
     * @param arity its number of arguments, ≥ 1
     * @param build makes the node from the argument nodes (a number argument arrives as a 1×1 constant)
     * @throws IllegalArgumentException when the name is not an identifier, is a built-in function or is taken
     */
    public static void register(String name, int arity, Function<Node[], Node> build) {
        Objects.requireNonNull(build, "build");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a formula function's name must be a lower-case identifier such as "
                    + "swish_beta, got '" + name + "'");
        }
        if (Calls.isBuiltIn(name)) {
            throw new IllegalArgumentException("'" + name + "' is a built-in formula function; choose another name");
        }
        if (arity < 1) {
            throw new IllegalArgumentException("a formula function takes at least one argument, got " + arity);
        }
        if (REGISTERED.putIfAbsent(name, new Entry(arity, build)) != null) {
            throw new IllegalArgumentException("the formula function '" + name + "' is registered already; "
                    + "unregister it first to replace it");
        }
    }

    /**
     * Asks every {@link FormulaFunctionProvider} on the classpath to register its functions, once per JVM.
     *
     * @throws IllegalStateException naming the provider whose registration failed
     */
    static void loadProviders() {
        if (providersLoaded) {
            return;
        }
        synchronized (FormulaFunctions.class) {
            if (providersLoaded) {
                return;
            }
            providersLoaded = true;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            java.util.Iterator<FormulaFunctionProvider> it = java.util.ServiceLoader.load(FormulaFunctionProvider.class,
                    loader != null ? loader : FormulaFunctions.class.getClassLoader()).iterator();
            while (true) {
                FormulaFunctionProvider p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (java.util.ServiceConfigurationError e) {
                    throw new IllegalStateException("a formula function library on the classpath cannot be loaded: "
                            + e.getMessage(), e);
                }
                try {
                    p.registerFunctions();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the formula function library " + p.getClass().getName()
                            + " failed to register its functions: " + e.getMessage(), e);
                }
            }
        }
    }

    /** @return whether {@code name} was registered (and is now not) */
    public static boolean unregister(String name) {
        return name != null && REGISTERED.remove(name) != null;
    }

    /** @return the functions registered by users (and by the libraries on the classpath), sorted */
    public static Set<String> registered() {
        loadProviders();
        return new TreeSet<>(REGISTERED.keySet());
    }

    /** @return every function a formula can call, built-in and registered, sorted */
    public static Set<String> names() {
        loadProviders();
        Set<String> all = new TreeSet<>(Calls.builtIns());
        all.addAll(REGISTERED.keySet());
        return all;
    }

    static Entry lookup(String name) {
        loadProviders();
        return REGISTERED.get(name);
    }
}

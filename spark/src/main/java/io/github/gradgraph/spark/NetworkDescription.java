package io.github.gradgraph.spark;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossFunction;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Objects;

/**
 * What executors need to rebuild a network's graph themselves — layer sizes, activations, loss, L2, batch norm,
 * dropout — and the dtype their programs compute in, so that no graph
 * is ever shipped with a task: each executor JVM compiles its gradient program once from this and reuses it. A loss of
 * the user's own travels as its class name: a named class with a public no-argument constructor, on the executors'
 * classpath (in the application's jar), whose J is a mean over the samples (as the built-in losses are) so that block
 * sums weighted by samples give the full-batch gradient. (A class, not a record: Spark's Kryo cannot set a record's
 * fields.)
 */
public final class NetworkDescription implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] layers;
    private final String hidden;
    private final String output;
    private final String loss;
    private final double l2;
    /** The class of the user's own loss, or null for the spec's built-in one. */
    private final String lossClass;
    private final boolean batchNorm;
    private final double dropout;
    /** {@link DType#label()}. */
    private final String dtype;

    private NetworkDescription(NetworkSpec spec, String lossClass, DType dtype) {
        this(spec.layers(), spec.hidden().cliName(), spec.output().cliName(), spec.loss().cliName(), spec.l2(),
                lossClass, spec.batchNorm(), spec.dropout(), dtype.label());
    }

    private NetworkDescription(int[] layers, String hidden, String output, String loss, double l2, String lossClass,
            boolean batchNorm, double dropout, String dtype) {
        this.dtype = dtype;
        this.batchNorm = batchNorm;
        this.dropout = dropout;
        this.layers = layers.clone();
        this.hidden = hidden;
        this.output = output;
        this.loss = loss;
        this.l2 = l2;
        this.lossClass = lossClass;
    }

    /** @return the description of {@code spec}, with its built-in loss, computing in float64 */
    public static NetworkDescription of(NetworkSpec spec) {
        return of(spec, DType.F64);
    }

    /** @return the description of {@code spec}, with its built-in loss, computing in {@code dtype} */
    public static NetworkDescription of(NetworkSpec spec, DType dtype) {
        return new NetworkDescription(spec, null, dtype);
    }

    /** @return the description of {@code network}, its loss included, computing in float64 */
    public static NetworkDescription of(Network network) {
        return of(network, DType.F64);
    }

    /**
     * @return the description of {@code network}, its loss included, computing in {@code dtype}
     * @throws IllegalArgumentException when the loss is the user's own but executors could not make it by name (a
     *                                  lambda, an anonymous or inner class, no public no-argument constructor)
     */
    public static NetworkDescription of(Network network, DType dtype) {
        NetworkSpec spec = network.spec();
        LossFunction f = network.lossFunction();
        if (f instanceof LossKind) {
            return of(spec, dtype);
        }
        Class<?> c = f.getClass();
        boolean named = !c.isSynthetic() && !c.isAnonymousClass() && !c.isLocalClass() && !c.getName().contains("$$")
                && (!c.isMemberClass() || Modifier.isStatic(c.getModifiers())) && Modifier.isPublic(c.getModifiers());
        try {
            if (!named || !Modifier.isPublic(c.getConstructor().getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("the network's own loss (" + c.getName() + ") cannot be rebuilt on "
                    + "Spark's executors: make it a public class with a public no-argument constructor, in the "
                    + "application's jar (a lambda or a method reference cannot travel by name)");
        }
        return new NetworkDescription(spec, c.getName(), dtype);
    }

    /** @return the dtype the executors' programs compute in */
    public DType dtype() {
        return DType.parse(dtype);
    }

    /** @return the network specification this describes */
    public NetworkSpec spec() {
        return new NetworkSpec(layers, Activation.parse(hidden), Activation.parse(output), LossKind.parse(loss), l2,
                batchNorm, dropout);
    }

    /** @return a new network built from this description, with the user's loss made by its class name */
    public Network network() {
        if (lossClass == null) {
            return new Network(spec());
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> c = Class.forName(lossClass, true, loader != null ? loader : getClass().getClassLoader());
            return new Network(spec(), (LossFunction) c.getConstructor().newInstance());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the loss class " + lossClass + " cannot be made here (is it in the "
                    + "application's jar?): " + e, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkDescription d && Arrays.equals(layers, d.layers) && hidden.equals(d.hidden)
                && output.equals(d.output) && loss.equals(d.loss) && Double.compare(l2, d.l2) == 0
                && Objects.equals(lossClass, d.lossClass) && batchNorm == d.batchNorm
                && Double.compare(dropout, d.dropout) == 0 && dtype.equals(d.dtype);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(layers) + Objects.hash(hidden, output, loss, l2, lossClass, batchNorm, dropout,
                dtype);
    }
}

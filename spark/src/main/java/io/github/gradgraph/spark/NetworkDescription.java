package io.github.gradgraph.spark;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossFunction;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * What executors need to rebuild a network's graph themselves — its layer text, loss and L2 — and the dtype their programs compute in, so that no graph
 * is ever shipped with a task: each executor JVM compiles its gradient program once from this and reuses it. A loss of
 * the user's own travels as its class name: a named class with a public no-argument constructor, on the executors'
 * classpath (in the application's jar), whose J is a mean over the samples (as the built-in losses are) so that block
 * sums weighted by samples give the full-batch gradient. (A class, not a record: Spark's Kryo cannot set a record's
 * fields.) Layers of the user's own travel in the text too: their {@link io.github.gradgraph.nn.layers.LayerKind}
 * must be on the executors' classpath, as a service.
 */
public final class NetworkDescription implements Serializable {
    private static final long serialVersionUID = 2L;

    /** {@link NetworkSpec#text()}. */
    private final String layers;
    /** {@link NetworkSpec#hidden()}, which a network without hidden layers may still be given. */
    private final String hidden;
    private final String loss;
    private final double l2;
    /** The class of the user's own loss, or null for the spec's built-in one. */
    private final String lossClass;
    /** {@link DType#label()}. */
    private final String dtype;

    private NetworkDescription(NetworkSpec spec, String lossClass, DType dtype) {
        this.layers = spec.text();
        this.hidden = spec.hidden().cliName();
        this.loss = spec.loss().cliName();
        this.l2 = spec.l2();
        this.lossClass = lossClass;
        this.dtype = dtype.label();
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
        return NetworkSpec.parse(layers, Activation.parse(hidden), null, LossKind.parse(loss), l2);
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
        return o instanceof NetworkDescription d && layers.equals(d.layers) && hidden.equals(d.hidden)
                && loss.equals(d.loss) && Double.compare(l2, d.l2) == 0 && Objects.equals(lossClass, d.lossClass)
                && dtype.equals(d.dtype);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layers, hidden, loss, l2, lossClass, dtype);
    }
}

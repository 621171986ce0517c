package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ops.PrimitiveSpec.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The table of every primitive, as the property tests and the guard test read it. */
final class PrimitiveTable {
    /** Values in [−2, 2]: everywhere smooth primitives are tested over. */
    static final BiFunction<Random, Integer, Double> ANY = (r, i) -> -2 + 4 * r.nextDouble();
    /** Values in [−5, 5]: the activations' curved part and both tails. */
    static final BiFunction<Random, Integer, Double> WIDE = (r, i) -> -5 + 10 * r.nextDouble();
    /** Values in [0.3, 3]: the domain of log, sqrt and non-integer powers. */
    static final BiFunction<Random, Integer, Double> POSITIVE = (r, i) -> 0.3 + 2.7 * r.nextDouble();
    /** Operand 1 away from 0 (a divisor), operand 0 anywhere. */
    static final BiFunction<Random, Integer, Double> DIVISOR = (r, i) -> i == 0 ? ANY.apply(r, i)
            : (r.nextBoolean() ? 1 : -1) * (0.5 + 1.5 * r.nextDouble());

    private static final double[] EXPONENTS = {2, 3, 0.5, -1, 1.5, -0.5, 1};

    private PrimitiveTable() {
    }

    /** The 9 ways two operands broadcast: equal, column, row and scalar spreads, both ways, and an outer one. */
    static Shape[] binaryCase(Example e) {
        int n = e.n();
        int m = e.m();
        switch (e.variant() % 9) {
            case 0: return new Shape[] {Shape.of(n, m), Shape.of(n, m)};
            case 1: return new Shape[] {Shape.of(n, m), Shape.of(n, 1)};
            case 2: return new Shape[] {Shape.of(n, 1), Shape.of(n, m)};
            case 3: return new Shape[] {Shape.of(n, m), Shape.of(1, m)};
            case 4: return new Shape[] {Shape.of(1, m), Shape.of(n, m)};
            case 5: return new Shape[] {Shape.of(n, m), Shape.of(1, 1)};
            case 6: return new Shape[] {Shape.of(1, 1), Shape.of(n, m)};
            case 7: return new Shape[] {Shape.of(n, 1), Shape.of(1, m)};
            default: return new Shape[] {Shape.of(1, 1), Shape.of(1, 1)};
        }
    }

    /** One operand: n×m, n×1, 1×m or 1×1. */
    static Shape[] unaryCase(Example e) {
        int n = e.n();
        int m = e.m();
        switch (e.variant() % 4) {
            case 0: return new Shape[] {Shape.of(n, m)};
            case 1: return new Shape[] {Shape.of(n, 1)};
            case 2: return new Shape[] {Shape.of(1, m)};
            default: return new Shape[] {Shape.of(1, 1)};
        }
    }

    private static PrimitiveSpec unary(String name, Function<Node, Node> f) {
        return new PrimitiveSpec(name, 1, PrimitiveTable::unaryCase, ANY, (in, e) -> f.apply(in[0]), true, false);
    }

    private static PrimitiveSpec unaryWith(String name, BiFunction<Node, Example, Node> f) {
        return new PrimitiveSpec(name, 1, PrimitiveTable::unaryCase, ANY, (in, e) -> f.apply(in[0], e), true, false);
    }

    private static PrimitiveSpec binary(String name, BiFunction<Node, Node, Node> f) {
        return new PrimitiveSpec(name, 2, PrimitiveTable::binaryCase, ANY, (in, e) -> f.apply(in[0], in[1]), true,
                false);
    }

    private static PrimitiveSpec matmul(boolean ta, boolean tb) {
        String name = "matmul" + (ta ? " Aᵀ" : " A") + (tb ? "·Bᵀ" : "·B");
        return new PrimitiveSpec(name, 2, e -> new Shape[] {
            ta ? Shape.of(e.k(), e.n()) : Shape.of(e.n(), e.k()),
            tb ? Shape.of(e.m(), e.k()) : Shape.of(e.k(), e.m())}, ANY,
            (in, e) -> Ops.matmul(in[0], in[1], ta, tb), true, false);
    }

    private static PrimitiveSpec leaf(String name, Function<Example, Node> make) {
        return new PrimitiveSpec(name, 0, e -> new Shape[0], ANY, (in, e) -> make.apply(e), false, false);
    }

    /** @return every row; the guard test checks that each primitive class is covered */
    static List<PrimitiveSpec> all() {
        List<PrimitiveSpec> t = new ArrayList<>();
        t.add(binary("add", Ops::add));
        t.add(binary("sub", Ops::sub));
        t.add(binary("mul", Ops::mul));
        t.add(binary("div", Ops::div).withDomain(DIVISOR));
        t.add(unary("neg", Ops::neg));
        t.add(unaryWith("scale", (x, e) -> Ops.scale(x, -3 + e.variant() % 7)));
        t.add(unaryWith("shift", (x, e) -> Ops.shift(x, 0.25 * e.variant())));
        t.add(unary("exp", Ops::exp));
        t.add(unary("log", Ops::log).withDomain(POSITIVE));
        t.add(unary("sqrt", Ops::sqrt).withDomain(POSITIVE));
        t.add(unaryWith("pow", (x, e) -> Ops.pow(x, EXPONENTS[e.variant() % EXPONENTS.length]))
                .withDomain(POSITIVE));
        t.add(unary("abs", Ops::abs));
        t.add(unary("sign", Ops::sign));
        t.add(unary("tanh", Ops::tanh));
        t.add(unary("sigmoid", Ops::sigmoid));
        t.add(unary("softplus", Ops::softplus));
        t.add(unary("relu", Ops::relu));
        t.add(unaryWith("leaky_relu", (x, e) -> Ops.leakyRelu(x, 0.01 + 0.01 * (e.variant() % 30))));
        t.add(unary("gelu", Ops::gelu).withDomain(WIDE));
        t.add(unary("gelu_tanh", Ops::geluTanh).withDomain(WIDE));
        t.add(unary("silu", Ops::silu).withDomain(WIDE));
        t.add(unaryWith("elu", (x, e) -> Ops.elu(x, e.variant() % 2 == 0 ? 1 : 0.25 + 0.05 * (e.variant() % 20)))
                .withDomain(WIDE));
        t.add(unary("normal_cdf", Ops::normalCdf).withDomain(WIDE));
        t.add(unary("gelu_derivative", Ops::geluDerivative).withDomain(WIDE));
        t.add(unary("silu_derivative", Ops::siluDerivative).withDomain(WIDE));
        t.add(unaryWith("step", (x, e) -> Ops.step(x, e.variant() % 3 - 1, 1 + e.variant() % 2)));
        t.add(new PrimitiveSpec("stop_gradient", 1, PrimitiveTable::unaryCase, ANY,
                (in, e) -> Ops.stopGradient(in[0]), false, true));
        t.add(new PrimitiveSpec("transpose", 1, e -> new Shape[] {Shape.of(e.n(), e.m())}, ANY,
                (in, e) -> Ops.transpose(in[0]), true, false));
        t.add(matmul(false, false));
        t.add(matmul(true, false));
        t.add(matmul(false, true));
        t.add(matmul(true, true));
        t.add(unary("sum", Ops::sum));
        t.add(unary("sum axis 0", x -> Ops.sum(x, 0)));
        t.add(unary("sum axis 1", x -> Ops.sum(x, 1)));
        t.add(unary("max axis 0", x -> Ops.max(x, 0)));
        t.add(unary("max axis 1", x -> Ops.max(x, 1)));
        t.add(unary("argmax_mask axis 0", x -> Ops.argMaxMask(x, 0)));
        t.add(unary("argmax_mask axis 1", x -> Ops.argMaxMask(x, 1)));
        t.add(new PrimitiveSpec("broadcast_to", 1, PrimitiveTable::unaryCase, ANY,
                (in, e) -> Ops.broadcastTo(in[0], Shape.of(e.n(), e.m())), true, false));
        t.add(unary("size", Ops::size));
        t.add(unary("size axis 0", x -> Ops.size(x, 0)));
        t.add(unary("size axis 1", x -> Ops.size(x, 1)));
        t.addAll(ImageRows.all());
        t.addAll(SequenceRows.all());
        t.add(leaf("fill", e -> Ops.fill(new io.github.gradgraph.graph.Graph(), Shape.of(e.n(), e.m()), 0.5)));
        t.add(leaf("input", e -> new io.github.gradgraph.graph.Graph().input("X", Shape.of(e.n(), e.m()))));
        t.add(leaf("parameter", e -> new io.github.gradgraph.graph.Graph().parameter("W", e.n(), e.m())));
        t.add(leaf("constant", e -> new io.github.gradgraph.graph.Graph().constant(e.n())));
        return t;
    }
}

package io.github.gradgraph.notebook;

import io.github.gradgraph.graph.Ancestors;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.PrimitiveCheckReport;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.print.Derivation;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The library's objects as a notebook shows them. {@link #of(Object)} is what a kernel's display adapter asks for a
 * cell's value; the named methods are what a notebook calls for a chosen view. A view is a {@link Rich} (or, for a
 * graph, a {@link GraphView}), which {@link #of(Object)} shows as it is, so a cell may end in {@code Show.table(r)}.
 *
 * <pre>{@code
 * Derivation d = Derivation.of(J, net.parameters(), Map.of(net.input(), "A0"));
 * Show.derivation(d);          // dW^{[1]} = \frac{1}{m} dZ^{[1]} A^{[0]\top}, typeset
 * Show.graph(d);               // forward nodes and the derived gradient nodes, as SVG
 * Show.images(fashion, 20);    // the first 20 pictures with their class names
 * }</pre>
 */
public final class Show {
    /** Images {@link #of(Object)} shows of an image data set. */
    static final int DATASET_IMAGES = 40;
    static final int CHART_WIDTH = 720;
    static final int CHART_HEIGHT = 400;

    private Show() {
    }

    /**
     * @return how a notebook shows {@code o}: a node as its typeset expression, a derivation as its equations, a
     *     formula as its statements, a check report as a table, a data set as a scatter (two features), an image
     *     grid (square pictures) or a summary, a training history as its curves, a {@link Displayable} as it says,
     *     a {@link Rich} as it is; null for an object this library does not know
     */
    public static Rich of(Object o) {
        if (o instanceof Rich r) {
            return r;
        }
        if (o instanceof Displayable d) {
            return d.rich();
        }
        if (o instanceof Node n) {
            return latex(n);
        }
        if (o instanceof Derivation d) {
            return derivation(d);
        }
        if (o instanceof Formula f) {
            return Typeset.formula(f);
        }
        if (o instanceof GradCheckReport r) {
            return table(r);
        }
        if (o instanceof PrimitiveCheckReport r) {
            return table(r);
        }
        if (o instanceof Dataset d) {
            return DataViews.of(d);
        }
        if (o instanceof TrainingHistory h) {
            return chart(h);
        }
        return null;
    }

    /** @return {@code n}'s expression in the course's LaTeX notation ({@code A^{[1]} = \tanh(…)} when named) */
    public static Rich latex(Node n) {
        return Typeset.node(Objects.requireNonNull(n, "node"));
    }

    /** @return every equation, forward then derived, in one {@code aligned} block; the text in Unicode notation */
    public static Rich derivation(Derivation d) {
        return Typeset.derivation(Objects.requireNonNull(d, "derivation"));
    }

    /**
     * Draws the nodes {@code outputs} need. With several outputs, the first one's nodes are drawn as the forward
     * graph and the nodes only the others need as derived, so {@code graph(J, dW1, db1)} draws J's graph and, filled,
     * the gradient nodes the engine added.
     *
     * @throws IllegalArgumentException when no output is given, or more than
     *     {@link io.github.gradgraph.notebook.svg.GraphSvg#MAX_NODES} nodes would be drawn
     */
    public static GraphView graph(Node... outputs) {
        if (outputs.length == 0) {
            throw new IllegalArgumentException("Show.graph needs at least one output node");
        }
        List<Node> out = Arrays.asList(outputs);
        Set<Node> forward = Collections.newSetFromMap(new IdentityHashMap<>());
        if (outputs.length > 1) {
            forward.addAll(Ancestors.of(List.of(outputs[0])));
        }
        String title = "graph of " + out.stream().map(Node::label).collect(Collectors.joining(", "));
        return GraphView.of(out, forward, title);
    }

    /**
     * Draws the derivation's (rewritten) J with the simplified gradient nodes derived for it, the derived ones
     * filled, as {@code gradgraph graph} draws a network.
     *
     * @throws IllegalArgumentException when more than {@link io.github.gradgraph.notebook.svg.GraphSvg#MAX_NODES}
     *     nodes would be drawn
     */
    public static GraphView graph(Derivation d) {
        List<Node> outputs = new ArrayList<>();
        outputs.add(d.loss());
        outputs.addAll(d.gradients());
        Set<Node> forward = Collections.newSetFromMap(new IdentityHashMap<>());
        forward.addAll(Ancestors.of(List.of(d.loss())));
        String title = "J and its gradients " + d.variables().stream().map(v -> "d" + v.label())
                .collect(Collectors.joining(", "));
        return GraphView.of(outputs, forward, title);
    }

    /** @return the gradient check as an HTML table, one row per variable with its numbers and its result */
    public static Rich table(GradCheckReport r) {
        return CheckTables.of(Objects.requireNonNull(r, "report"));
    }

    /** @return the primitive check as an HTML table, one row per order and operand */
    public static Rich table(PrimitiveCheckReport r) {
        return CheckTables.of(Objects.requireNonNull(r, "report"));
    }

    /**
     * @return the samples' first two features as a scatter, a colour per class (PNG and SVG)
     * @throws IllegalArgumentException when the set has fewer than two features
     */
    public static Rich scatter(Dataset d) {
        return DataViews.scatter(Objects.requireNonNull(d, "dataset"));
    }

    /**
     * @param count how many of the first images to show, ≥ 1
     * @return the first {@code count} images in a grid, each labelled with its class name (PNG)
     * @throws IllegalArgumentException when the set's columns are not square pictures (side² grey or 3·side² RGB)
     */
    public static Rich images(Dataset d, int count) {
        return ImageGrid.of(Objects.requireNonNull(d, "dataset"), count);
    }

    /**
     * @return J per epoch (train, and test when there is one) on the left axis and the accuracies on the right
     *     (PNG); the text gives each curve's last value
     */
    public static Rich chart(TrainingHistory h) {
        Curves c = Curves.of(Objects.requireNonNull(h, "history"));
        String title = "training: " + h.epochs().size() + " epochs" + (h.stoppedEarly()
                ? ", stopped early after " + h.stoppedEpoch() + " (kept epoch " + h.bestEpoch() + ")" : "");
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Rich.PNG, c.png(title, "epoch", CHART_WIDTH, CHART_HEIGHT));
        m.put(Rich.PLAIN, c.summary(title));
        return new Rich(m);
    }
}

package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;

/** The shape rules of convolution and pooling, with messages that name the geometry. */
final class ImageShapes {
    private ImageShapes() {
    }

    /** @return the operand described with its image geometry, e.g. {@code A0 (784×m = 28×28×1)} */
    static String images(Node a, ConvGeometry g) {
        return a.label() + " (" + a.shape() + " = " + g.image() + ")";
    }

    /**
     * Checks that {@code a} is a batch of the geometry's images: (H·W·C) × anything.
     *
     * @param op the op's name and the operand's role, e.g. {@code conv2d}
     */
    static void checkImages(String op, Node a, ConvGeometry g) {
        if (!a.shape().rows().equals(Dim.of(g.inputRows()))) {
            throw new ShapeException(op + " over " + a.describe() + ": " + g.image() + " images need "
                    + g.inputRows() + " rows");
        }
    }

    /** @return the number of filters of a filter bank that fits the geometry */
    static int checkFilters(String op, Node w, Node a, ConvGeometry g) {
        Shape s = w.shape();
        if (s.rows().isSymbolic() || !s.cols().equals(Dim.of(g.patch()))) {
            String rows = s.rows().isSymbolic() ? "C_out" : s.rows().toString();
            throw new ShapeException(op + " " + w.describe() + " over " + images(a, g) + ": a " + g.filter() + "×"
                    + g.filter() + " filter over " + g.channels() + " channel" + (g.channels() == 1 ? "" : "s")
                    + " needs W of " + rows + "×" + g.patch());
        }
        return s.rows().size();
    }

    /** Checks that {@code grad} is (rows) × {@code cols}, as an upstream gradient must be. */
    static void checkGradient(String op, Node grad, int rows, Dim cols, String what) {
        if (!grad.shape().rows().equals(Dim.of(rows)) || !grad.shape().cols().equals(cols)) {
            throw new ShapeException(op + " " + grad.describe() + ": " + what + " needs " + rows + "×" + cols);
        }
    }
}

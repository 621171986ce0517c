package io.github.gradgraph.graph.ops;

import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Float32Primitive;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ShapeException;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * The adjoint of {@link Gather}: for G of (k·n) × m and ids of k × m, the n × V matrix whose column v sums every block
 * of G gathered from column v (repeated ids add up; an id of −1 adds nothing). Linear in G: its VJP is the gather
 * again; the ids get no gradient. The float32 kernel sums in float64 and rounds once.
 *
 * @param vocabulary V, the columns of the result
 */
public record ScatterAdd(int vocabulary) implements Float32Primitive {
    @Override
    public String name() {
        return "scatter_add";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape inferShape(List<Node> inputs) {
        Node g = inputs.get(0);
        Node ids = inputs.get(1);
        if (g.shape().rows().isSymbolic() || ids.shape().rows().isSymbolic()
                || g.shape().rows().size() % ids.shape().rows().size() != 0 || !g.shape().cols().equals(
                ids.shape().cols())) {
            throw new ShapeException("scatter_add " + g.describe() + " at " + ids.describe() + ": needs a block of "
                    + "rows per id row and as many columns as the ids");
        }
        return Shape.of(g.shape().rows().size() / ids.shape().rows().size(), vocabulary);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
        DMatrixRMaj g = in[0];
        DMatrixRMaj ids = in[1];
        int k = ids.numRows;
        int m = ids.numCols;
        int n = g.numRows / k;
        Arrays.fill(out.data, 0, n * vocabulary, 0);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < m; j++) {
                int id = TokenIds.check("scatter_add", ids.data[i * m + j], i * m + j, m, vocabulary);
                if (id >= 0) {
                    int base = i * n * m + j;
                    for (int r = 0; r < n; r++) {
                        out.data[r * vocabulary + id] += g.data[base + r * m];
                    }
                }
            }
        }
    }

    /** Per-thread float64 sums of the float32 kernel, grown as needed: repeated ids add up in float64. */
    private static final ThreadLocal<double[]> SUMS = ThreadLocal.withInitial(() -> new double[0]);

    @Override
    public void forward(FMatrixRMaj[] in, FMatrixRMaj out) {
        FMatrixRMaj g = in[0];
        FMatrixRMaj ids = in[1];
        int k = ids.numRows;
        int m = ids.numCols;
        int n = g.numRows / k;
        int size = n * vocabulary;
        double[] sums = SUMS.get();
        if (sums.length < size) {
            SUMS.set(sums = new double[size]);
        }
        Arrays.fill(sums, 0, size, 0);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < m; j++) {
                int id = TokenIds.check("scatter_add", ids.data[i * m + j], i * m + j, m, vocabulary);
                if (id >= 0) {
                    int base = i * n * m + j;
                    for (int r = 0; r < n; r++) {
                        sums[r * vocabulary + id] += g.data[base + r * m];
                    }
                }
            }
        }
        for (int i = 0; i < size; i++) {
            out.data[i] = (float) sums[i];
        }
    }

    @Override
    public Node[] vjp(Node out, Node g) {
        return new Node[] {SequenceOps.gather(g, out.input(1)), null};
    }
}

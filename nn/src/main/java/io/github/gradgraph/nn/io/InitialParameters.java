package io.github.gradgraph.nn.io;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.data.DataException;
import io.github.gradgraph.nn.data.DataSource;
import io.github.gradgraph.nn.data.NumericArray;
import io.github.gradgraph.nn.data.Npz;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * A network's starting parameters from a file the user made elsewhere: a safetensors file from any writer (no
 * gradgraph metadata needed; a gradgraph checkpoint works too) or a numpy {@code .npz}, with tensors named W1, b1, …,
 * WL, bL. W[l] must be n[l]×n[l−1]; b[l] may be stored n[l]×1 or as a vector of n[l]; F64 or F32 (widened exactly).
 * A batch-normalized layer has no b[l]; its gamma, beta, running_mean and running_var are taken when the file has
 * them (n[l]×1 or vectors) and otherwise start at 1, 0, 0 and 1.
 * Everything is checked before the store is filled: a missing, extra or misshapen tensor is an error that names it
 * and both shapes.
 */
public final class InitialParameters {
    /** The prefix of the optimizer-state tensors in a gradgraph checkpoint; they are not parameters. */
    static final String OPTIMIZER_PREFIX = "optimizer.";

    private InitialParameters() {
    }

    /**
     * @return a new store with every parameter of {@code net}
     * @throws CheckpointException naming the file and the tensor at fault
     */
    public static ParameterStore load(Path file, Network net) {
        Map<String, NumericArray> tensors = read(file);
        List<String> expected = new ArrayList<>();
        for (Node p : net.stored()) {
            expected.add(p.label());
        }
        for (String name : tensors.keySet()) {
            if (!expected.contains(name)) {
                throw new CheckpointException(file + ": tensor " + name + " is not a parameter of the network "
                        + "(layers '" + net.spec().text() + "' have " + String.join(", ", expected)
                        + ")");
            }
        }
        ParameterStore store = new ParameterStore();
        for (Node p : net.stored()) {
            NumericArray t = tensors.get(p.label());
            if (t == null && net.optional(p)) {
                continue; // batch norm's γ, β and running statistics start as a new network's unless given
            }
            if (t == null) {
                throw new CheckpointException(file + ": no tensor " + p.label() + " (it has "
                        + (tensors.isEmpty() ? "none" : String.join(", ", tensors.keySet())) + ")");
            }
            store.set(p, value(file, p, t, net));
        }
        return io.github.gradgraph.nn.Initializer.startNormalization(net, store);
    }

    private static Map<String, NumericArray> read(Path file) {
        if (DataSource.formatOf(file) == DataSource.Format.NPZ) {
            try {
                return Npz.readAll(file);
            } catch (DataException e) {
                throw new CheckpointException(e.getMessage(), e);
            }
        }
        TensorFile f = TensorFile.read(file);
        Map<String, NumericArray> tensors = new LinkedHashMap<>(f.tensors());
        if (f.gradgraph()) {
            tensors.keySet().removeIf(n -> n.startsWith(OPTIMIZER_PREFIX));
        }
        return tensors;
    }

    private static DMatrixRMaj value(Path file, Node p, NumericArray t, Network net) {
        int rows = p.shape().rows().size();
        int cols = p.shape().cols().size();
        int[] s = t.shape();
        boolean fits = s.length == 2 && s[0] == rows && s[1] == cols
                || cols == 1 && s.length == 1 && s[0] == rows; // b as a vector, as PyTorch stores it
        if (!fits) {
            throw new CheckpointException(file + ": tensor " + p.label() + " has shape " + Arrays.toString(s)
                    + " but layers '" + net.spec().text() + "' need " + p.label() + " of shape ["
                    + rows + ", " + cols + "]" + (cols == 1 ? " or [" + rows + "]" : "")
                    + (s.length == 2 && s[0] == cols && s[1] == rows && rows != cols ? " (it looks transposed)" : ""));
        }
        double[] v = t.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new CheckpointException(file + ": tensor " + p.label() + " holds " + v[i] + " at row "
                        + i / cols + ", column " + i % cols);
            }
        }
        return DMatrixRMaj.wrap(rows, cols, v);
    }
}

package io.github.gradgraph.nn.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The cases of {@code recurrent_reference.json}: PyTorch's nn.RNN (tanh), nn.LSTM and nn.GRU forward and backward in
 * float64, already in gradgraph's names and layouts ({@code recurrent_reference.py} beside the JSON documents them and
 * checks its own mapping). Sequences are (T·n) × m with step t in rows t·n…(t+1)·n−1; states are n_a × m; biases
 * n_a × 1. The loss is L = Σ_t ⟨R_t, h_t⟩, plus ⟨Rc, c_T⟩ for the LSTM.
 */
public final class RecurrentReference {
    /** The resource, next to this class. */
    public static final String RESOURCE = "recurrent_reference.json";
    /** The parameter names of each kind, in gradgraph's names. */
    public static final Map<String, List<String>> PARAMS = Map.of(
            "rnn", List.of("Wax", "Waa", "b"),
            "lstm", List.of("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo"),
            "gru", List.of("Wr", "br", "Wz", "bz", "Wnx", "bnx", "Wna", "bna"));

    private RecurrentReference() {
    }

    /**
     * One case.
     *
     * @param name   e.g. {@code lstm nx=3 na=2 T=4 m=2 random state}, for messages
     * @param kind   {@code rnn}, {@code lstm} or {@code gru}
     * @param nx     n_x, the input size
     * @param na     n_a, the hidden size
     * @param steps  T
     * @param m      the number of sequences
     * @param x      (T·n_x) × m inputs
     * @param h0     n_a × m initial hidden state (zeros in a zero-state case)
     * @param c0     n_a × m initial cell state, null unless an LSTM
     * @param params the weights by gradgraph's name ({@link #PARAMS}), in that order
     * @param r      (T·n_a) × m, the weights of the hidden outputs in L
     * @param rc     n_a × m, the weight of c_T in L, null unless an LSTM
     * @param h      (T·n_a) × m hidden outputs a⟨1⟩…a⟨T⟩
     * @param cT     n_a × m final cell state, null unless an LSTM
     * @param loss   L
     * @param grads  ∂L/∂ each parameter by its name, and of "x", "h0" and (LSTM) "c0"
     */
    public record Case(String name, String kind, int nx, int na, int steps, int m, DMatrixRMaj x, DMatrixRMaj h0,
            DMatrixRMaj c0, Map<String, DMatrixRMaj> params, DMatrixRMaj r, DMatrixRMaj rc, DMatrixRMaj h,
            DMatrixRMaj cT, double loss, Map<String, DMatrixRMaj> grads) {
        /** @return whether it is an LSTM (and so has c0, Rc and cT) */
        public boolean isLstm() {
            return kind.equals("lstm");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** @return every case of the resource, in file order */
    public static List<Case> cases() {
        try (InputStream in = RecurrentReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.path("cases")) {
                cases.add(parse(c));
            }
            return Collections.unmodifiableList(cases);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static Case parse(JsonNode c) {
        String name = c.path("name").asText();
        boolean lstm = c.path("kind").asText().equals("lstm");
        return new Case(name, c.path("kind").asText(), c.path("nx").asInt(), c.path("na").asInt(),
                c.path("T").asInt(), c.path("m").asInt(), matrix(c, "x", name), matrix(c, "h0", name),
                lstm ? matrix(c, "c0", name) : null, matrices(c.path("params"), name), matrix(c, "R", name),
                lstm ? matrix(c, "Rc", name) : null, matrix(c, "h", name), lstm ? matrix(c, "cT", name) : null,
                c.path("loss").asDouble(Double.NaN), matrices(c.path("grads"), name));
    }

    private static Map<String, DMatrixRMaj> matrices(JsonNode object, String name) {
        Map<String, DMatrixRMaj> m = new LinkedHashMap<>();
        for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            m.put(k, matrix(object, k, name));
        }
        return Collections.unmodifiableMap(m);
    }

    /** @return a row-major nested list as a matrix; rows of unequal length are refused */
    private static DMatrixRMaj matrix(JsonNode parent, String key, String name) {
        JsonNode rows = parent.path(key);
        if (!rows.isArray() || rows.size() == 0 || !rows.get(0).isArray()) {
            throw new IllegalStateException(RESOURCE + ", " + name + ": " + key + " is not a matrix");
        }
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), rows.get(0).size());
        for (int i = 0; i < m.numRows; i++) {
            JsonNode row = rows.get(i);
            if (row.size() != m.numCols) {
                throw new IllegalStateException(RESOURCE + ", " + name + ": " + key + " row " + i + " has "
                        + row.size() + " values, row 0 has " + m.numCols);
            }
            for (int j = 0; j < m.numCols; j++) {
                m.set(i, j, row.get(j).asDouble());
            }
        }
        return m;
    }
}

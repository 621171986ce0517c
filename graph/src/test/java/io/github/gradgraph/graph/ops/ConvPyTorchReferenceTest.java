package io.github.gradgraph.graph.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradgraph.core.ConvGeometry;
import io.github.gradgraph.core.DType;
import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * gradgraph's convolution and pooling against numbers PyTorch produced ({@code F.conv2d}, {@code F.max_pool2d},
 * {@code F.avg_pool2d} with {@code count_include_pad=False}, float64), not against gradgraph's own kernels: for each
 * case the output and the gradients of J = Σ G ⊙ out, for PyTorch's upstream gradient G, with respect to the images,
 * the filters and the bias, from a program compiled in float64 and one in float32. The numbers come from
 * {@code conv_reference.py} next to the JSON; its header lists the geometries and says how to rerun it.
 *
 * <p>The inputs are small integers over powers of two, exact in float32, so each program's error is its own rounding.
 * Element i of a result may differ from PyTorch's by (d + 1)·ε·M_i, where M_i is the same sum taken over the terms'
 * magnitudes (the graph below run on |X|, |W|, |b|, |G| in float64, with every choice — max pooling's window maximum,
 * relu's sign — made by the true values) and d is the number of terms in the longest such sum; ε is 1e-12/(d + 1) in
 * float64 (a relative error of 1e-12) and float32's machine epsilon in float32.
 */
class ConvPyTorchReferenceTest {
    /** The cases in conv_reference.json; a guard against a truncated or regenerated-smaller file. */
    private static final int CASES = 22;
    /** The reference elements (outputs and gradients) of all cases, compared once per dtype. */
    private static final int ELEMENTS = 18_250;
    private static final double F64_RELATIVE = 1e-12;

    private static JsonNode ref;
    private static final Map<DType, Integer> CASES_RUN = new EnumMap<>(DType.class);
    private static final Map<DType, Integer> COMPARED = new EnumMap<>(DType.class);
    /** Per dtype, the largest |gradgraph − PyTorch| / M_i seen. */
    private static final Map<DType, Double> WORST = new EnumMap<>(DType.class);

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = ConvPyTorchReferenceTest.class.getResourceAsStream("conv_reference.json")) {
            assertTrue(in != null, "conv_reference.json is missing");
            ref = new ObjectMapper().readTree(in);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCase_equalsPyTorch_inFloat64AndFloat32() {
        assertEquals(CASES, ref.path("cases").size(), "cases in conv_reference.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dtype : List.of(DType.F64, DType.F32)) {
            CASES_RUN.put(dtype, 0);
            COMPARED.put(dtype, 0);
            WORST.put(dtype, 0.0);
            for (JsonNode c : ref.path("cases")) {
                tests.add(DynamicTest.dynamicTest(c.path("name").asText() + " " + dtype, () -> check(c, dtype)));
            }
        }
        // runs last: every case ran in both dtypes and compared every reference number, so none passed vacuously
        tests.add(DynamicTest.dynamicTest("every case compared", () -> {
            for (DType dtype : List.of(DType.F64, DType.F32)) {
                assertEquals(CASES, CASES_RUN.get(dtype), dtype + " cases run");
                assertEquals(ELEMENTS, COMPARED.get(dtype), dtype + " elements compared");
                System.out.printf("ConvPyTorchReferenceTest %s: %d cases, %d elements, largest error %.3g·M_i "
                        + "(PyTorch %s)%n", dtype, CASES, ELEMENTS, WORST.get(dtype), ref.path("torch").asText());
            }
        }));
        return tests.stream();
    }

    @Test
    void theReference_coversTheGeometries() {
        assertTrue(ref.path("torch").asText().startsWith("1.") || ref.path("torch").asText().startsWith("2."),
                "torch version recorded");
        assertEquals("torch.float64", ref.path("dtype").asText());
        Set<String> ops = new TreeSet<>();
        Set<Integer> strides = new TreeSet<>();
        Set<Integer> filters = new TreeSet<>();
        Set<Integer> channels = new TreeSet<>();
        Set<Integer> batches = new TreeSet<>();
        Set<String> pads = new TreeSet<>();
        int asymmetric = 0;
        int nonSquare = 0;
        for (JsonNode c : ref.path("cases")) {
            ops.add(c.path("op").asText());
            strides.add(c.path("stride").asInt());
            filters.add(c.path("filter").asInt());
            channels.add(c.path("channels").asInt());
            channels.add(c.path("filters").asInt());
            batches.add(c.path("batch").asInt());
            pads.add(c.path("same").asBoolean() ? "same" : c.path("pad").get(0).asText());
            ConvGeometry g = geometry(c);
            asymmetric += g.symmetric() ? 0 : 1;
            nonSquare += g.height() != g.width() ? 1 : 0;
        }
        assertEquals(Set.of("conv2d", "maxpool", "avgpool", "conv2d+relu+maxpool"), ops);
        assertEquals(Set.of(1, 2, 3), strides);
        assertEquals(Set.of(1, 2, 3, 4, 5), filters);
        assertTrue(channels.containsAll(Set.of(1, 2, 3, 4)), "channels " + channels);
        assertEquals(Set.of(1, 2, 3), batches);
        assertEquals(Set.of("0", "1", "2", "same"), pads);
        assertTrue(asymmetric >= 4, asymmetric + " cases with the odd pixel bottom/right");
        assertTrue(nonSquare >= 10, nonSquare + " non-square cases");
        assertTrue(ref.path("cases").findValues("name").stream().filter(n -> n.asText().contains("ties")).count() >= 2,
                "max-pool cases with ties");
    }

    /** Builds the case's graph, runs it in the given dtype and compares every result with PyTorch's. */
    private static void check(JsonNode c, DType dtype) {
        String op = c.path("op").asText();
        ConvGeometry geometry = geometry(c);
        int m = c.path("batch").asInt();
        Graph g = new Graph();
        ParameterStore store = new ParameterStore();
        ParameterStore magnitudes = new ParameterStore();
        Map<String, DMatrixRMaj> feeds = new HashMap<>();
        Map<String, DMatrixRMaj> absFeeds = new HashMap<>();

        DMatrixRMaj x = images(c, "x");
        assertEquals(geometry.inputRows(), x.numRows, "image rows");
        Node xn = g.input("X", x.numRows, Dim.M);
        Node xa = g.input("|X|", x.numRows, Dim.M);
        feeds.put("X", x);
        absFeeds.put("X", x);
        absFeeds.put("|X|", abs(x));
        DMatrixRMaj gUp = images(c, "g");
        Node gn = g.input("G", gUp.numRows, Dim.M);
        Node ga = g.input("|G|", gUp.numRows, Dim.M);
        feeds.put("G", gUp);
        absFeeds.put("G", gUp);
        absFeeds.put("|G|", abs(gUp));

        List<Node> wrt = new ArrayList<>(List.of(xn));
        List<Node> want = new ArrayList<>(); // PyTorch's numbers: out, dX (dW, db)
        List<DMatrixRMaj> wanted = new ArrayList<>();
        List<Node> mag = new ArrayList<>(); // M_i of each
        List<Integer> depth = new ArrayList<>(); // d of each
        Node out;
        if (op.startsWith("conv2d")) {
            DMatrixRMaj w = filterBank(c, "w");
            DMatrixRMaj b = column(c, "b");
            int filters = c.path("filters").asInt();
            assertArrayEquals(new int[] {filters, geometry.patch(), filters}, new int[] {w.numRows, w.numCols,
                    b.numRows}, "filter bank and bias shapes");
            Node wn = g.parameter("W", w.numRows, w.numCols);
            Node bn = g.parameter("b", b.numRows, 1);
            Node wa = g.parameter("|W|", w.numRows, w.numCols);
            Node ba = g.parameter("|b|", b.numRows, 1);
            store.set(wn, w);
            store.set(bn, b);
            magnitudes.set(wn, w);
            magnitudes.set(bn, b);
            magnitudes.set(wa, abs(w));
            magnitudes.set(ba, abs(b));
            wrt.add(wn);
            wrt.add(bn);
            Node z = ImageOps.conv2d(xn, wn, bn, geometry);
            Node zMag = ImageOps.conv2d(xa, wa, ba, geometry);
            Node dzMag = ga; // |∂J/∂Z| summed as magnitudes
            int dxDepth = geometry.filter() * geometry.filter() * filters;
            int dwDepth = geometry.positions() * m;
            if (op.equals("conv2d")) {
                out = z;
                mag.add(zMag);
                depth.add(geometry.patch() + 1);
            } else { // the SIGNS net's first layer: conv, relu, max pool
                ConvGeometry pool = poolGeometry(c, geometry, filters);
                Node a = Ops.relu(z);
                out = ImageOps.maxPool(a, pool);
                mag.add(ImageOps.maxPoolGather(a, Ops.mul(zMag, Ops.step(z)), pool));
                depth.add(geometry.patch() + 1);
                dzMag = Ops.mul(ImageOps.maxPoolScatter(a, ga, pool), Ops.step(z));
                dxDepth = Math.max(dxDepth, pool.filter() * pool.filter());
            }
            mag.add(ImageOps.conv2dInputGrad(dzMag, wa, geometry));
            depth.add(dxDepth);
            mag.add(ImageOps.conv2dFilterGrad(xa, dzMag, geometry));
            depth.add(dwDepth);
            mag.add(ImageOps.channelSum(dzMag, filters));
            depth.add(dwDepth);
        } else if (op.equals("maxpool")) {
            out = ImageOps.maxPool(xn, geometry);
            mag.add(ImageOps.maxPoolGather(xn, xa, geometry)); // exact: M_i = |out_i|
            depth.add(0);
            mag.add(ImageOps.maxPoolScatter(xn, ga, geometry));
            depth.add(geometry.filter() * geometry.filter());
        } else {
            assertEquals("avgpool", op);
            out = ImageOps.avgPool(xn, geometry);
            mag.add(ImageOps.avgPool(xa, geometry));
            depth.add(geometry.filter() * geometry.filter() + 1);
            mag.add(ImageOps.avgPoolGrad(ga, geometry));
            depth.add(geometry.filter() * geometry.filter() + 1);
        }
        Node j = Ops.sum(Ops.mul(gn, out));
        List<Node> grads = Autodiff.gradients(j, wrt);
        want.add(out);
        wanted.add(images(c, "out"));
        want.add(grads.get(0));
        wanted.add(images(c, "dx"));
        if (op.startsWith("conv2d")) {
            want.add(grads.get(1));
            wanted.add(filterBank(c, "dw"));
            want.add(grads.get(2));
            wanted.add(column(c, "db"));
        }

        Values got = Compiler.compile(want, dtype).run(feeds, store);
        Values bounds = Compiler.compile(mag, DType.F64).run(absFeeds, magnitudes);
        String[] what = {"out", "∂J/∂X", "∂J/∂W", "∂J/∂b"};
        int compared = 0;
        for (int k = 0; k < want.size(); k++) {
            DMatrixRMaj expected = wanted.get(k);
            DMatrixRMaj actual = got.get(want.get(k));
            DMatrixRMaj bound = bounds.get(mag.get(k));
            String label = c.path("name").asText() + " " + dtype + " " + what[k] + " (" + geometry + ", PyTorch "
                    + ref.path("torch").asText() + ")";
            assertEquals(expected.numRows, actual.numRows, label + " rows");
            assertEquals(expected.numCols, actual.numCols, label + " columns");
            double eps = dtype == DType.F64 ? F64_RELATIVE / (depth.get(k) + 1) : DType.F32.epsilon();
            for (int i = 0; i < expected.numRows; i++) {
                for (int col = 0; col < expected.numCols; col++) {
                    double e = expected.get(i, col);
                    double a = actual.get(i, col);
                    double mi = bound.get(i, col);
                    double err = Math.abs(a - e);
                    double tolerance = (depth.get(k) + 1) * eps * mi + Double.MIN_VALUE;
                    assertTrue(err <= tolerance, label + " at row " + i + ", column " + col + ": gradgraph " + a
                            + ", PyTorch " + e + ", |diff| " + err + " > " + tolerance);
                    if (mi > 0) {
                        WORST.merge(dtype, err / mi, Math::max);
                    }
                    compared++;
                }
            }
        }
        CASES_RUN.merge(dtype, 1, Integer::sum);
        COMPARED.merge(dtype, compared, Integer::sum);
    }

    /** The case's window over its images, after checking that {@link ConvGeometry#same} pads as the script did. */
    private static ConvGeometry geometry(JsonNode c) {
        int h = c.path("height").asInt();
        int w = c.path("width").asInt();
        int ch = c.path("channels").asInt();
        int f = c.path("filter").asInt();
        int s = c.path("stride").asInt();
        JsonNode p = c.path("pad");
        ConvGeometry g = c.path("same").asBoolean() ? ConvGeometry.same(h, w, ch, f, s)
                : ConvGeometry.of(h, w, ch, f, s, p.get(0).asInt());
        assertPads(g, p, c.path("name").asText());
        return g;
    }

    /** The SIGNS case's pooling window over the convolution's output. */
    private static ConvGeometry poolGeometry(JsonNode c, ConvGeometry conv, int channels) {
        int f = c.path("pool_filter").asInt();
        int s = c.path("pool_stride").asInt();
        JsonNode p = c.path("pool_pad");
        ConvGeometry g = c.path("pool_same").asBoolean()
                ? ConvGeometry.same(conv.outHeight(), conv.outWidth(), channels, f, s)
                : ConvGeometry.of(conv.outHeight(), conv.outWidth(), channels, f, s, p.get(0).asInt());
        assertPads(g, p, c.path("name").asText() + " pool");
        return g;
    }

    private static void assertPads(ConvGeometry g, JsonNode pad, String name) {
        assertArrayEquals(new int[] {pad.get(0).asInt(), pad.get(1).asInt(), pad.get(2).asInt(), pad.get(3).asInt()},
                new int[] {g.padTop(), g.padLeft(), g.padBottom(), g.padRight()},
                name + ": padding (top, left, bottom, right)");
    }

    /** @return the JSON's m × (H·W·C) rows, one image each, as gradgraph's (H·W·C) × m batch */
    private static DMatrixRMaj images(JsonNode c, String key) {
        JsonNode rows = c.path(key);
        assertTrue(rows.isArray() && rows.size() > 0, key + " is missing from " + c.path("name").asText());
        DMatrixRMaj a = new DMatrixRMaj(rows.get(0).size(), rows.size());
        for (int img = 0; img < rows.size(); img++) {
            assertEquals(a.numRows, rows.get(img).size(), key + " image " + img);
            for (int r = 0; r < a.numRows; r++) {
                a.set(r, img, rows.get(img).get(r).asDouble());
            }
        }
        return a;
    }

    /** @return a C_out × (f·f·C_in) filter bank, stored row by row */
    private static DMatrixRMaj filterBank(JsonNode c, String key) {
        JsonNode rows = c.path(key);
        assertTrue(rows.isArray() && rows.size() > 0, key + " is missing from " + c.path("name").asText());
        DMatrixRMaj w = new DMatrixRMaj(rows.size(), rows.get(0).size());
        for (int i = 0; i < w.numRows; i++) {
            assertEquals(w.numCols, rows.get(i).size(), key + " row " + i);
            for (int j = 0; j < w.numCols; j++) {
                w.set(i, j, rows.get(i).get(j).asDouble());
            }
        }
        return w;
    }

    /** @return a JSON list as a C_out × 1 column, as the bias is */
    private static DMatrixRMaj column(JsonNode c, String key) {
        JsonNode v = c.path(key);
        assertTrue(v.isArray() && v.size() > 0, key + " is missing from " + c.path("name").asText());
        DMatrixRMaj b = new DMatrixRMaj(v.size(), 1);
        for (int i = 0; i < v.size(); i++) {
            b.set(i, 0, v.get(i).asDouble());
        }
        return b;
    }

    private static DMatrixRMaj abs(DMatrixRMaj a) {
        DMatrixRMaj r = a.copy();
        for (int i = 0; i < r.data.length; i++) {
            r.data[i] = Math.abs(r.data[i]);
        }
        return r;
    }
}

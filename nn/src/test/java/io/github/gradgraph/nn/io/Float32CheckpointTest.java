package io.github.gradgraph.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.NumericArray;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.OptimizerState;
import io.github.gradgraph.nn.optim.Optimizers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints stored in float32 ({@code --save-dtype f32}) and the dtype a model was trained in. */
class Float32CheckpointTest {
    @TempDir
    Path dir;

    /** A model after a few Adam steps in float32, so that it has optimizer buffers and batch norm's statistics. */
    private Checkpoint trained() {
        NetworkSpec spec = new NetworkSpec(new int[] {2, 6, 3}, Activation.RELU, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0.01).withBatchNorm(true);
        Network net = new Network(spec);
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 3);
        Dataset d = Datasets.spirals(3, 30, 2);
        Optimizer adam = Optimizers.create("adam", 1e-2);
        TrainingStep step = new TrainingStep(net, adam, DType.F32);
        for (int i = 0; i < 5; i++) {
            step.run(Map.of("X", d.x(), "Y", d.targets(3)), store);
        }
        TrainingState state = new TrainingState(5, 7, 0, 1e-2, adam.state(), Map.of("data", "spirals"));
        return new Checkpoint(spec, store, Preprocessing.NONE, List.of("a", "b", "c"), state, DType.F32);
    }

    @Test
    void float32File_halvesTheData_andLoadsEveryTensorRoundedToFloat() throws IOException {
        Checkpoint c = trained();
        Path wide = dir.resolve("f64.safetensors");
        Path narrow = dir.resolve("f32.safetensors");
        Safetensors.save(c, wide);
        Safetensors.save(c, narrow, DType.F32);
        long wideData = dataBytes(wide);
        long narrowData = dataBytes(narrow);
        assertEquals(wideData, 2 * narrowData, "float32 data is half the float64 data");

        Checkpoint back = Safetensors.load(narrow);
        assertEquals(DType.F32, back.dtype(), "the training dtype is kept");
        assertEquals(c.spec(), back.spec());
        int compared = 0;
        for (Node p : c.network().stored()) {
            double[] a = c.params().get(p).data;
            double[] b = back.params().get(p).data;
            for (int i = 0; i < a.length; i++) {
                assertEquals((double) (float) a[i], b[i], 0.0, p.label() + "[" + i + "]");
                compared++;
            }
        }
        assertTrue(compared > 30, "compared " + compared + " values");
        OptimizerState saved = c.training().optimizer();
        OptimizerState loaded = back.training().optimizer();
        assertEquals(saved.steps(), loaded.steps());
        assertEquals(saved.buffers().keySet(), loaded.buffers().keySet());
        for (String name : saved.buffers().keySet()) {
            List<double[]> s = saved.buffers().get(name);
            for (int p = 0; p < s.size(); p++) {
                double[] rounded = s.get(p).clone();
                for (int i = 0; i < rounded.length; i++) {
                    rounded[i] = (float) rounded[i];
                }
                assertArrayEquals(rounded, loaded.buffers().get(name).get(p), 0.0, name + " of parameter " + p);
            }
        }
        String header = header(narrow);
        assertTrue(header.contains("\"W1\":{\"dtype\":\"F32\",\"shape\":[6,2]"), header);
        assertTrue(!header.contains("F64"), "every tensor is F32: " + header);
    }

    @Test
    void float64File_ofAFloat32Run_isBitwise_andRemembersTheDtype() {
        Checkpoint c = trained();
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(c, file);
        Checkpoint back = Safetensors.load(file);
        assertEquals(DType.F32, back.dtype());
        for (Node p : c.network().stored()) {
            assertArrayEquals(c.params().get(p).data, back.params().get(p).data, 0.0, p.label());
        }
        Checkpoint f64 = new Checkpoint(c.spec(), c.params(), c.standardizer(), c.classNames(), 1, null);
        Safetensors.save(f64, file);
        assertEquals(DType.F64, Safetensors.load(file).dtype(), "a model trained in float64 says so");
    }

    @Test
    void float32File_isReadByTheGenericReader_asInitFromReadsIt() {
        Checkpoint c = trained();
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(c, file, DType.F32);
        TensorFile t = TensorFile.read(file);
        NumericArray w1 = t.tensors().get("W1");
        DMatrixRMaj original = c.params().get("W1");
        assertEquals(original.getNumElements(), w1.values().length);
        for (int i = 0; i < original.getNumElements(); i++) {
            assertEquals((double) (float) original.data[i], w1.values()[i], 0.0);
        }
        ParameterStore init = InitialParameters.load(file, c.network());
        assertArrayEquals(t.tensors().get("b2").values(), init.get("b2").data, 0.0);
    }

    @Test
    void aValueBeyondFloat32sRange_isRefused_andTheOldFileStays() throws IOException {
        Checkpoint c = trained();
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(c, file, DType.F32);
        byte[] before = Files.readAllBytes(file);
        c.params().get("W2").data[4] = 1e39;
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Safetensors.save(c, file, DType.F32));
        assertTrue(e.getMessage().contains("tensor W2 holds 1.0E39 at index 4, outside float32's range"),
                e.getMessage());
        assertTrue(e.getMessage().contains("save it in f64"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the earlier file is untouched");
        Safetensors.save(c, file); // float64 holds it
        assertEquals(1e39, Safetensors.load(file).params().get("W2").data[4], 0.0);
    }

    @Test
    void aValueBelowFloat32sRange_isRefused_namingTensorAndValue_andTheOldFileStays() throws IOException {
        Checkpoint c = trained();
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(c, file, DType.F32);
        byte[] before = Files.readAllBytes(file);
        c.params().get("W2").data[3] = -1e39; // (float) −1e39 is −∞: written, the model would be lost
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.save(c, file, DType.F32));
        assertTrue(e.getMessage().contains("tensor W2 holds -1.0E39 at index 3, outside float32's range"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the earlier file is untouched");

        // an optimizer buffer too (Adam's v of W1 may be negative), named as its tensor
        c.params().get("W2").data[3] = 0.5;
        c.training().optimizer().buffers().get("v").get(0)[1] = -3.5e38;
        e = assertThrows(CheckpointException.class, () -> Safetensors.save(c, file, DType.F32));
        assertTrue(e.getMessage().contains("tensor optimizer.v.W1 holds -3.5E38 at index 1, outside float32's range"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the earlier file is untouched");
    }

    @Test
    void float32sLargestValues_bothSigns_areKeptExactly() {
        Checkpoint c = trained();
        Path file = dir.resolve("model.safetensors");
        c.params().get("W1").data[0] = -Float.MAX_VALUE;
        c.params().get("W1").data[1] = Float.MAX_VALUE;
        Safetensors.save(c, file, DType.F32);
        DMatrixRMaj w1 = Safetensors.load(file).params().get("W1");
        assertEquals(-Float.MAX_VALUE, w1.data[0], 0.0);
        assertEquals(Float.MAX_VALUE, w1.data[1], 0.0);
    }

    @Test
    void aNonFiniteParameter_isRefusedInEitherDtype_beforeTheOldFileIsReplaced() throws IOException {
        // loading refuses a NaN or ±∞ parameter, so a file holding one would replace a good model by a lost one
        for (DType storage : List.of(DType.F32, DType.F64)) {
            for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}) {
                Checkpoint c = trained();
                Path file = dir.resolve("model-" + storage.label() + ".safetensors");
                Safetensors.save(c, file, storage);
                byte[] before = Files.readAllBytes(file);
                c.params().get("gamma1").data[2] = bad;
                CheckpointException e = assertThrows(CheckpointException.class,
                        () -> Safetensors.save(c, file, storage), storage + " " + bad);
                assertTrue(e.getMessage().contains("tensor gamma1 holds " + bad + " at index 2"), e.getMessage());
                assertArrayEquals(before, Files.readAllBytes(file), "the earlier file is untouched");
            }
        }
    }

    private static long dataBytes(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length - 8 - ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static String header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    }
}

package io.github.gradgraph.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.Standardizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads and writes {@link Checkpoint}s in the safetensors format, so numpy or PyTorch can read the weights: an 8-byte
 * little-endian header length, a JSON header (per tensor: dtype {@code F64} or {@code F32}, shape, data offsets;
 * {@code __metadata__}: the network config and a SHA-256 of config and data), then the raw little-endian data.
 * Checkpoints are written in float64 unless asked for float32 (half the size, each value rounded to the nearest
 * float); loading reads either, float32 widened exactly.
 *
 * <p>Writes go to a temporary file in the target's folder, renamed into place atomically, so a crash never leaves a
 * half-written model. Loads check everything — header, dtypes, shapes against the config, offsets, checksum —
 * before returning, so nothing is half-loaded.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /**
     * Writes a checkpoint atomically, every tensor in float64.
     *
     * @throws CheckpointException when the file cannot be written or a parameter or running statistic is NaN or
     *     infinite; an existing file is then left as it was
     */
    public static void save(Checkpoint checkpoint, Path file) {
        save(checkpoint, file, DType.F64);
    }

    /**
     * Writes a checkpoint atomically, every tensor (parameters, running statistics, optimizer buffers) stored in
     * {@code storage}. A float32 file resumes from the rounded values.
     *
     * @throws CheckpointException when the file cannot be written, a parameter or running statistic is NaN or
     *     infinite, or a finite value is beyond float32's range (either sign) in a float32 file; an existing file is
     *     then left as it was
     */
    public static void save(Checkpoint checkpoint, Path file, DType storage) {
        int size = storage.bytes();
        Network net = checkpoint.network();
        List<Node> params = net.parameters();
        List<Node> stored = net.stored(); // the parameters, then batch norm's running statistics
        int total = 0;
        for (Node p : stored) {
            DMatrixRMaj v = checkpoint.params().get(p);
            if (v == null) {
                throw new CheckpointException(file + ": no value for parameter " + p.label());
            }
            int bad = io.github.gradgraph.core.Finite.first(v);
            if (bad >= 0) { // load refuses it: written over a good file, the model would be lost
                throw new CheckpointException(file + ": tensor " + p.label() + " holds " + v.data[bad] + " at index "
                        + bad + "; a checkpoint keeps finite values only");
            }
            total += v.getNumElements();
        }
        List<TrainingStateCodec.Buffer> buffers = checkpoint.training() == null ? List.of()
                : TrainingStateCodec.buffers(checkpoint.training(), params);
        for (TrainingStateCodec.Buffer b : buffers) {
            if (b.values().length != checkpoint.params().get(params.get(b.param())).getNumElements()) {
                throw new CheckpointException(file + ": optimizer buffer " + b.tensorName() + " has "
                        + b.values().length + " values, its parameter "
                        + checkpoint.params().get(params.get(b.param())).getNumElements());
            }
            total += b.values().length;
        }
        ByteBuffer data = ByteBuffer.allocate(total * size).order(ByteOrder.LITTLE_ENDIAN);
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        for (Node p : stored) {
            DMatrixRMaj v = checkpoint.params().get(p);
            ObjectNode t = header.putObject(p.label());
            t.put("dtype", TensorBytes.name(storage));
            t.putArray("shape").add(v.numRows).add(v.numCols);
            t.putArray("data_offsets").add(data.position()).add(data.position() + v.getNumElements() * size);
            TensorBytes.put(data, v.data, v.getNumElements(), storage, file, p.label());
        }
        for (TrainingStateCodec.Buffer b : buffers) {
            DMatrixRMaj shape = checkpoint.params().get(params.get(b.param()));
            ObjectNode t = header.putObject(b.tensorName());
            t.put("dtype", TensorBytes.name(storage));
            t.putArray("shape").add(shape.numRows).add(shape.numCols);
            t.putArray("data_offsets").add(data.position()).add(data.position() + b.values().length * size);
            TensorBytes.put(data, b.values(), b.values().length, storage, file, b.tensorName());
        }
        ObjectNode configJson = config(checkpoint);
        if (checkpoint.training() != null) {
            TrainingStateCodec.write(checkpoint.training(), buffers, configJson);
        }
        String config = configJson.toString();
        meta.put("format", "gradgraph");
        meta.put("config", config);
        meta.put("sha256", sha256(config, data.array()));
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        while (out.position() < 8 + padded) {
            out.put((byte) ' ');
        }
        out.put(data.array());
        AtomicFile.write(file, out.array());
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @throws CheckpointException naming the file and the first problem: missing, truncated, a corrupt header, a
     *     tensor that does not fit the config, or data that fails its checksum
     */
    public static Checkpoint load(Path file) {
        SafetensorsLayout layout = SafetensorsLayout.read(file);
        JsonNode header = layout.header();
        byte[] data = layout.data();
        JsonNode meta = header.path("__metadata__");
        if (!"gradgraph".equals(meta.path("format").asText())) {
            throw new CheckpointException(file + ": not a gradgraph checkpoint (no __metadata__.format gradgraph)");
        }
        String config = meta.path("config").asText();
        if (!sha256(config, data).equals(meta.path("sha256").asText())) {
            throw new CheckpointException(file + ": the config and data do not match their checksum; the file is "
                    + "corrupt");
        }
        Checkpoint shape = parseConfig(file, config);
        Network net = shape.network();
        ParameterStore store = new ParameterStore();
        long expectedEnd = 0;
        for (Node p : net.stored()) {
            DMatrixRMaj v = tensor(file, header.path(p.label()), p, data, expectedEnd);
            store.set(p, v);
            expectedEnd = header.path(p.label()).path("data_offsets").path(1).asLong();
        }
        TrainingState training = null;
        JsonNode configJson = parseJson(file, config);
        if (configJson.has("training")) {
            training = TrainingStateCodec.read(file, configJson, header, data, expectedEnd, net.parameters());
        } else if (expectedEnd != data.length) {
            throw new CheckpointException(file + ": " + data.length + " bytes of data where the config needs "
                    + expectedEnd);
        }
        return new Checkpoint(shape.spec(), store, shape.standardizer(), shape.classNames(), shape.scale(), training,
                shape.dtype());
    }

    private static DMatrixRMaj tensor(Path file, JsonNode t, Node p, byte[] data, long offset) {
        String name = p.label();
        if (t.isMissingNode()) {
            throw new CheckpointException(file + ": tensor " + name + " is missing");
        }
        DType dtype = TensorBytes.parse(t.path("dtype").asText());
        if (dtype == null) {
            throw new CheckpointException(file + ": tensor " + name + " has dtype " + t.path("dtype")
                    + ", expected F64 or F32");
        }
        int rows = p.shape().rows().size();
        int cols = p.shape().cols().size();
        JsonNode shape = t.path("shape");
        if (shape.size() != 2 || shape.get(0).asInt() != rows || shape.get(1).asInt() != cols) {
            throw new CheckpointException(file + ": tensor " + name + " has shape " + shape + ", the config needs ["
                    + rows + "," + cols + "]");
        }
        JsonNode offsets = t.path("data_offsets");
        long begin = offsets.path(0).asLong(-1);
        long end = offsets.path(1).asLong(-1);
        if (begin != offset || end != begin + (long) rows * cols * dtype.bytes() || end > data.length) {
            throw new CheckpointException(file + ": tensor " + name + " has data offsets " + offsets
                    + " that do not fit the data");
        }
        DMatrixRMaj v = DMatrixRMaj.wrap(rows, cols, TensorBytes.get(data, begin, rows * cols, dtype));
        int bad = io.github.gradgraph.core.Finite.first(v);
        if (bad >= 0) {
            throw new CheckpointException(file + ": tensor " + name + " holds " + v.data[bad]);
        }
        return v;
    }

    private static ObjectNode config(Checkpoint c) {
        ObjectNode o = JSON.createObjectNode();
        NetworkSpec spec = c.spec();
        boolean perceptron = spec.isPerceptron();
        if (perceptron) { // the classic network's keys, as every file before layer lists had them
            ArrayNode layers = o.putArray("layers");
            for (int n : spec.sizes()) {
                layers.add(n);
            }
            o.put("hidden_activation", spec.hidden().cliName());
            o.put("output_activation", spec.output().cliName());
        } else {
            o.put("network", spec.text());
        }
        o.put("loss", spec.loss().cliName());
        o.put("l2", spec.l2());
        o.put("dtype", c.dtype().label());
        if (perceptron && spec.batchNorm()) {
            o.put("batch_norm", true);
        }
        if (perceptron && spec.dropout() > 0) {
            o.put("dropout", spec.dropout());
        }
        ArrayNode classes = o.putArray("classes");
        c.classNames().forEach(classes::add);
        if (c.scale() != 1) {
            o.put("scale", c.scale());
        }
        if (c.standardizer() != null) {
            ArrayNode mean = o.putObject("standardize").putArray("mean");
            ArrayNode std = ((ObjectNode) o.get("standardize")).putArray("std");
            for (double v : c.standardizer().mean()) {
                mean.add(v);
            }
            for (double v : c.standardizer().std()) {
                std.add(v);
            }
        }
        return o;
    }

    private static Checkpoint parseConfig(Path file, String text) {
        try {
            JsonNode o = JSON.readTree(text);
            LossKind loss = LossKind.parse(o.path("loss").asText());
            NetworkSpec spec;
            if (o.has("network")) {
                spec = NetworkSpec.parse(o.path("network").asText(), null, null, loss, o.path("l2").asDouble());
            } else {
                int[] layers = new int[o.path("layers").size()];
                for (int i = 0; i < layers.length; i++) {
                    layers[i] = o.path("layers").get(i).asInt();
                }
                spec = new NetworkSpec(layers, Activation.parse(o.path("hidden_activation").asText()),
                        Activation.parse(o.path("output_activation").asText()), loss, o.path("l2").asDouble(),
                        o.path("batch_norm").asBoolean(false), o.path("dropout").asDouble(0));
            }
            List<String> classes = new ArrayList<>();
            o.path("classes").forEach(c -> classes.add(c.asText()));
            Standardizer st = null;
            if (o.has("standardize")) {
                st = new Standardizer(doubles(o.path("standardize").path("mean")),
                        doubles(o.path("standardize").path("std")));
            }
            double scale = o.path("scale").asDouble(1);
            DType dtype = o.has("dtype") ? DType.parse(o.path("dtype").asText()) : DType.F64; // older files: f64
            return new Checkpoint(spec, new ParameterStore(), st, classes, scale, null, dtype);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException(file + ": the network config in the metadata is invalid: " + e.getMessage());
        }
    }

    private static JsonNode parseJson(Path file, String config) {
        try {
            return JSON.readTree(config);
        } catch (IOException e) {
            throw new CheckpointException(file + ": the network config in the metadata is invalid: " + e.getMessage());
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    /** @return the SHA-256 of the config text followed by the tensor data, so both are covered */
    private static String sha256(String config, byte[] data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(config.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package io.github.gradgraph.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.optim.OptimizerState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrainingState} in a checkpoint: its numbers in the config's {@code training} object, and every optimizer
 * buffer as a tensor (F64, or F32 in a float32 file) named {@code optimizer.<buffer>.<parameter>} (such as {@code
 * optimizer.v.W1}), shaped like its parameter and stored after the parameters.
 */
final class TrainingStateCodec {
    private TrainingStateCodec() {
    }

    /** One optimizer buffer of one parameter. */
    record Buffer(String tensorName, String buffer, int param, double[] values) {
    }

    static List<Buffer> buffers(TrainingState s, List<Node> params) {
        List<Buffer> out = new ArrayList<>();
        s.optimizer().buffers().forEach((name, list) -> {
            for (int p = 0; p < list.size() && p < params.size(); p++) {
                if (list.get(p) != null) {
                    out.add(new Buffer(InitialParameters.OPTIMIZER_PREFIX + name + "." + params.get(p).label(), name,
                            p, list.get(p)));
                }
            }
        });
        return out;
    }

    static void write(TrainingState s, List<Buffer> buffers, ObjectNode config) {
        ObjectNode t = config.putObject("training");
        t.put("epochs", s.epochs());
        t.put("seed", s.seed());
        t.put("batch_size", s.batchSize());
        t.put("lr", s.lr());
        t.put("optimizer", s.optimizer().optimizer());
        t.put("optimizer_steps", s.optimizer().steps());
        t.putArray("buffer_names").addAll(s.optimizer().buffers().keySet().stream()
                .map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList());
        t.putArray("tensors").addAll(buffers.stream()
                .map(b -> com.fasterxml.jackson.databind.node.TextNode.valueOf(b.tensorName())).toList());
        ObjectNode settings = t.putObject("settings");
        new java.util.TreeMap<>(s.settings()).forEach(settings::put);
    }

    /**
     * @param offset where the buffers' data begins, right after the parameters
     * @return the state, its buffers read and checked against the parameters' shapes
     */
    static TrainingState read(Path file, JsonNode config, JsonNode header, byte[] data, long offset,
            List<Node> params) {
        JsonNode t = config.path("training");
        Map<String, List<double[]>> buffers = new LinkedHashMap<>();
        for (JsonNode name : t.path("buffer_names")) {
            List<double[]> list = new ArrayList<>();
            for (int p = 0; p < params.size(); p++) {
                list.add(null);
            }
            buffers.put(name.asText(), list);
        }
        long at = offset;
        for (JsonNode tensorName : t.path("tensors")) {
            String name = tensorName.asText();
            int param = -1;
            String buffer = null;
            for (String b : buffers.keySet()) {
                for (int p = 0; p < params.size(); p++) {
                    if (name.equals(InitialParameters.OPTIMIZER_PREFIX + b + "." + params.get(p).label())) {
                        param = p;
                        buffer = b;
                    }
                }
            }
            if (param < 0) {
                throw new CheckpointException(file + ": optimizer tensor " + name + " belongs to no parameter");
            }
            Node p = params.get(param);
            int n = p.shape().rows().size() * p.shape().cols().size();
            JsonNode entry = header.path(name);
            JsonNode offsets = entry.path("data_offsets");
            DType dtype = TensorBytes.parse(entry.path("dtype").asText());
            long size = dtype == null ? 8 : dtype.bytes();
            if (dtype == null || offsets.path(0).asLong(-1) != at || offsets.path(1).asLong(-1) != at + n * size
                    || at + n * size > data.length) {
                throw new CheckpointException(file + ": optimizer tensor " + name + " does not fit parameter "
                        + p.label() + " (" + n + " F64 or F32 values at byte " + at + ")");
            }
            buffers.get(buffer).set(param, TensorBytes.get(data, at, n, dtype));
            at += n * size;
        }
        if (at != data.length) {
            throw new CheckpointException(file + ": " + data.length + " bytes of data where the config needs " + at);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        t.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        return new TrainingState(t.path("epochs").asInt(), t.path("seed").asLong(), t.path("batch_size").asInt(),
                t.path("lr").asDouble(), new OptimizerState(t.path("optimizer").asText(),
                        t.path("optimizer_steps").asLong(), buffers), settings);
    }
}

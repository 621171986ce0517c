package io.github.gradgraph.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradgraph.core.DType;
import io.github.gradgraph.nn.data.NumericArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tensor of a safetensors file from any writer — PyTorch's and numpy's {@code safetensors} package, a
 * hand-written one, or a gradgraph checkpoint — by name, F64 as is and F32 widened exactly to float64.
 *
 * @param file     where it was read
 * @param tensors  by name, in the header's order
 * @param gradgraph whether the file is a gradgraph checkpoint ({@code __metadata__.format} is gradgraph)
 */
public record TensorFile(Path file, Map<String, NumericArray> tensors, boolean gradgraph) {
    /**
     * @throws CheckpointException naming the file and the first problem: the format, a dtype other than F64 or F32, a
     *     tensor whose offsets do not fit its shape, or data the tensors do not cover exactly
     */
    public static TensorFile read(Path file) {
        SafetensorsLayout layout = SafetensorsLayout.read(file);
        Map<String, NumericArray> tensors = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = layout.header().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                tensors.put(e.getKey(), tensor(file, e.getKey(), e.getValue(), layout.data(), ranges));
            }
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long covered = 0;
        for (long[] r : ranges) {
            if (r[0] != covered) {
                throw new CheckpointException(file + ": the tensors' data " + (r[0] < covered ? "overlaps" : "has a gap")
                        + " at byte " + Math.min(r[0], covered) + "; the file is corrupt");
            }
            covered = r[1];
        }
        if (covered != layout.data().length) {
            throw new CheckpointException(file + ": " + layout.data().length + " bytes of data where the tensors "
                    + "cover " + covered + "; the file is truncated or corrupt");
        }
        boolean ours = "gradgraph".equals(layout.header().path("__metadata__").path("format").asText());
        return new TensorFile(file, tensors, ours);
    }

    private static NumericArray tensor(Path file, String name, JsonNode t, byte[] data, List<long[]> ranges) {
        String dtype = t.path("dtype").asText();
        DType type = TensorBytes.parse(dtype);
        if (type == null) {
            throw new CheckpointException(file + ": tensor " + name + " has dtype " + t.path("dtype")
                    + "; F64 and F32 can be read");
        }
        int size = type.bytes();
        JsonNode shapeNode = t.path("shape");
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt(-1);
            if (shape[i] < 0 || !shapeNode.get(i).canConvertToInt()) {
                throw new CheckpointException(file + ": tensor " + name + " has shape " + shapeNode);
            }
            count *= shape[i];
            if (count > Integer.MAX_VALUE / 8) {
                throw new CheckpointException(file + ": tensor " + name + " has shape " + shapeNode + ", too large");
            }
        }
        JsonNode offsets = t.path("data_offsets");
        long begin = offsets.path(0).asLong(-1);
        long end = offsets.path(1).asLong(-1);
        if (offsets.size() != 2 || begin < 0 || end != begin + count * size || end > data.length) {
            throw new CheckpointException(file + ": tensor " + name + " has data offsets " + offsets + " that do not "
                    + "fit its shape " + shapeNode + " of " + dtype + " in " + data.length + " bytes of data");
        }
        ranges.add(new long[] {begin, end});
        return new NumericArray(file + " tensor " + name, shape, TensorBytes.get(data, begin, (int) count, type));
    }
}

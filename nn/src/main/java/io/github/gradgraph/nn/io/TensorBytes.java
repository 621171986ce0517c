package io.github.gradgraph.nn.io;

import io.github.gradgraph.core.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * One checkpoint tensor's bytes: little-endian float64 ({@code F64}) or float32 ({@code F32}), as safetensors spells
 * them. Writing float32 rounds each value to the nearest float and refuses one beyond float32's range (it would become
 * infinite); reading float32 widens exactly.
 */
final class TensorBytes {
    private TensorBytes() {
    }

    /** @return the safetensors name of {@code dtype}: F64 or F32 */
    static String name(DType dtype) {
        return dtype == DType.F32 ? "F32" : "F64";
    }

    /** @return the dtype a safetensors dtype names, or null for one a checkpoint cannot hold */
    static DType parse(String safetensorsName) {
        return switch (safetensorsName) {
            case "F64" -> DType.F64;
            case "F32" -> DType.F32;
            default -> null;
        };
    }

    /**
     * Appends {@code values} to {@code out} in {@code dtype}.
     *
     * @throws CheckpointException naming the file and the tensor when a value is beyond float32's range
     */
    static void put(ByteBuffer out, double[] values, int count, DType dtype, Path file, String tensor) {
        for (int i = 0; i < count; i++) {
            if (dtype == DType.F64) {
                out.putDouble(values[i]);
            } else {
                float f = (float) values[i];
                if (Float.isInfinite(f) && !Double.isInfinite(values[i])) {
                    throw new CheckpointException(file + ": tensor " + tensor + " holds " + values[i] + " at index "
                            + i + ", outside float32's range (±3.4e38); save it in f64");
                }
                out.putFloat(f);
            }
        }
    }

    /** @return {@code count} values of {@code dtype} starting at byte {@code begin} of {@code data}, as float64 */
    static double[] get(byte[] data, long begin, int count, DType dtype) {
        ByteBuffer b = ByteBuffer.wrap(data, (int) begin, count * dtype.bytes()).slice().order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = dtype == DType.F64 ? b.getDouble(i * 8) : b.getFloat(i * 4);
        }
        return v;
    }
}

package io.github.gradgraph.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.data.Standardizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    private Checkpoint checkpoint() {
        NetworkSpec spec = new NetworkSpec(new int[] {2, 5, 3}, Activation.RELU, Activation.SOFTMAX,
                LossKind.SOFTMAX_CROSS_ENTROPY, 0.01);
        Network net = new Network(spec);
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 4);
        store.get("b1").data[2] = -0.0; // signed zero must survive too
        store.get("W2").data[0] = Double.MIN_VALUE;
        return new Checkpoint(spec, store, new Standardizer(new double[] {0.5, -1}, new double[] {2, 3}),
                List.of("a", "b", "c"));
    }

    @Test
    void roundTrip_isBitwise_andKeepsTheConfig() throws IOException {
        Checkpoint c = checkpoint();
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(c, file);
        Checkpoint back = Safetensors.load(file);
        assertEquals(c.spec(), back.spec());
        assertEquals(c.classNames(), back.classNames());
        assertArrayEquals(c.standardizer().mean(), back.standardizer().mean(), 0.0);
        for (Node p : c.network().parameters()) {
            double[] a = c.params().get(p).data;
            double[] b = back.params().get(p).data;
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), p.label());
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void layout_isReadableSafetensors() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(checkpoint(), file);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).trim();
        assertTrue(header.contains("\"W1\":{\"dtype\":\"F64\",\"shape\":[5,2],\"data_offsets\":[0,80]}"), header);
        assertTrue(header.contains("\"__metadata__\""), header);
        assertEquals(8 + n + 8L * (10 + 5 + 15 + 3), bytes.length);
    }

    @Test
    void truncated_bitFlipped_andHeaderCorruptedFiles_areRejected() throws IOException {
        Path good = dir.resolve("model.safetensors");
        Safetensors.save(checkpoint(), good);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = write("truncated", Arrays.copyOf(bytes, bytes.length - 8));
        assertTrue(message(truncated).contains("do not match their checksum"), message(truncated));
        Path tiny = write("tiny", Arrays.copyOf(bytes, 5));
        assertTrue(message(tiny).contains("truncated"), message(tiny));

        byte[] flipped = bytes.clone();
        flipped[flipped.length - 3] ^= 0x10;
        Path bit = write("flipped", flipped);
        assertTrue(message(bit).contains("corrupt"), message(bit));

        byte[] badHeader = bytes.clone();
        badHeader[9] = '#';
        Path header = write("header", badHeader);
        assertTrue(message(header).contains("the header is not valid JSON"), message(header));

        byte[] badLength = bytes.clone();
        ByteBuffer.wrap(badLength).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        assertTrue(message(write("length", badLength)).contains("does not fit"));

        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("[5,2]", "[2,5]");
        Path shape = write("shape", text.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(message(shape).contains("tensor W1 has shape [2,5], the config needs [5,2]"), message(shape));

        String config = new String(bytes, StandardCharsets.ISO_8859_1).replace("\\\"l2\\\":0.01", "\\\"l2\\\":0.02");
        Path meta = write("meta", config.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(message(meta).contains("checksum"), message(meta));

        assertTrue(message(dir.resolve("missing.safetensors")).endsWith("no such file"));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name + ".safetensors"), bytes);
    }

    private static String message(Path file) {
        return assertThrows(CheckpointException.class, () -> Safetensors.load(file)).getMessage();
    }
}

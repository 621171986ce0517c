package io.github.gradgraph.nn.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The two parts of any safetensors file, checked for the format's own rules: an 8-byte little-endian header length, a
 * JSON object padded with spaces, then the tensors' bytes.
 *
 * @param header the header object: one entry per tensor, and {@code __metadata__}
 * @param data   every byte after the header
 */
record SafetensorsLayout(JsonNode header, byte[] data) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    /** @throws CheckpointException naming the file: missing, truncated, or a header that breaks the format */
    static SafetensorsLayout read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length < 8) {
            throw new CheckpointException(file + ": truncated (" + bytes.length + " bytes); not a safetensors file");
        }
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 0 || n > MAX_HEADER || n > bytes.length - 8) {
            throw new CheckpointException(file + ": header length " + n + " does not fit a " + bytes.length
                    + "-byte file; the file is truncated or not a safetensors file");
        }
        JsonNode header;
        long end;
        try (JsonParser parser = JSON.getFactory().createParser(bytes, 8, (int) n)) {
            header = JSON.readTree(parser);
            end = parser.getCurrentLocation().getByteOffset();
        } catch (IOException e) {
            throw new CheckpointException(file + ": the header is not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (header == null || !header.isObject()) {
            throw new CheckpointException(file + ": the header is not a JSON object; not a safetensors file");
        }
        for (long i = end; i < n; i++) { // the format pads the header with spaces, and only with spaces
            if (bytes[8 + (int) i] != ' ') {
                throw new CheckpointException(file + ": byte " + (8 + i) + " after the header's JSON is not the "
                        + "space padding; the file is corrupt");
            }
        }
        return new SafetensorsLayout(header, Arrays.copyOfRange(bytes, 8 + (int) n, bytes.length));
    }
}

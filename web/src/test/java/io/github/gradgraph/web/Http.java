package io.github.gradgraph.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small HTTP client of the playground's API for tests: JSON in and out, and Server-Sent Events as a list. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    Http(int port) {
        base = "http://127.0.0.1:" + port;
    }

    record Reply(int status, String body, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String error() {
            return json().path("error").asText(null);
        }
    }

    Reply send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply post(String path, String json) {
        return send("POST", path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** A page listening to a session: every event received, until {@link #close()} hangs up. */
    final class Events implements AutoCloseable {
        record Event(String name, String data, long nanos) {
        }

        final List<Event> received = new CopyOnWriteArrayList<>();
        private final InputStream in;
        private final Thread reader;

        Events(String path) throws IOException, InterruptedException {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream")
                    .build();
            in = client.send(req, HttpResponse.BodyHandlers.ofInputStream()).body();
            reader = new Thread(this::read, "test-sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String event = "message";
                StringBuilder data = new StringBuilder();
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    } else if (line.isEmpty() && data.length() > 0) {
                        received.add(new Event(event, data.toString(), System.nanoTime()));
                        event = "message";
                        data.setLength(0);
                    }
                }
            } catch (IOException ignored) {
                // hung up
            }
        }

        List<Event> named(String name) {
            List<Event> l = new ArrayList<>();
            for (Event e : received) {
                if (e.name().equals(name)) {
                    l.add(e);
                }
            }
            return l;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    Events listen(String path) throws IOException, InterruptedException {
        return new Events(path);
    }
}

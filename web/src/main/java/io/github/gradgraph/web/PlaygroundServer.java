package io.github.gradgraph.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.web.api.ApiException;
import io.github.gradgraph.web.api.DeriveView;
import io.github.gradgraph.web.api.GradcheckView;
import io.github.gradgraph.web.api.GraphView;
import io.github.gradgraph.web.api.Json;
import io.github.gradgraph.web.api.PlaygroundConfig;
import io.github.gradgraph.web.api.Setup;
import io.github.gradgraph.web.api.Uploads;
import io.github.gradgraph.web.session.Sessions;
import io.github.gradgraph.web.session.TrainingSession;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * The playground's HTTP server (Javalin on Jetty): the page and its vendored scripts from the jar, and a small JSON
 * API over the library — derive, graph, gradient check, uploads, and training sessions whose states reach the page as
 * Server-Sent Events. Every refused request is a 4xx with {@code {"error": "one line"}}; nothing a request sends
 * prints a stack trace or stops the server.
 */
public final class PlaygroundServer implements AutoCloseable {
    /** Sessions open at once, by default. */
    public static final int SESSION_LIMIT = 8;
    /** How long a session outlives its page, by default. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** Requests computing at once (derive, graph, gradient check, a session's setup). */
    public static final int HEAVY_LIMIT = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** How long one request may compute. */
    public static final Duration REQUEST_BUDGET = Duration.ofSeconds(20);
    /** How far over {@link Uploads#MAX_BYTES} an upload is still read before it is refused, so its reply arrives. */
    static final int READ_ANYWAY = 256 * 1024;

    private final Sessions sessions;
    private final HeavyRequests heavy;
    private final Uploads uploads = new Uploads();
    private final PrintStream log;
    private final Javalin app;

    /**
     * @param sessionLimit sessions open at once
     * @param idleTimeout  how long a session outlives its page
     * @param log          where unexpected failures are reported, one line each
     */
    public PlaygroundServer(int sessionLimit, Duration idleTimeout, PrintStream log) {
        this.sessions = new Sessions(sessionLimit, idleTimeout);
        this.heavy = new HeavyRequests(HEAVY_LIMIT, REQUEST_BUDGET, Duration.ofSeconds(5));
        this.log = log;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = Uploads.MAX_BYTES + READ_ANYWAY;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/playground";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            if (Boolean.getBoolean("gradgraph.web.requests")) { // -Dgradgraph.web.requests=true: one line a request
                config.requestLogger.http((ctx, ms) -> log.printf("%s %s %s %.0f ms%n", ctx.method(), ctx.path(),
                        ctx.status().getCode(), ms));
            }
            ErrorReplies.install(config, log);
            var r = config.routes;
            r.get("/api/presets", ctx -> json(ctx, presets()));
            r.post("/api/validate", ctx -> json(ctx, compute(ctx, "checking the setup", this::validate)));
            r.post("/api/derive", ctx -> json(ctx, compute(ctx, "the derivation", b -> DeriveView.of(setup(b)))));
            r.post("/api/graph", ctx -> json(ctx, compute(ctx, "the graph", b -> GraphView.of(setup(b)))));
            r.post("/api/gradcheck", ctx -> json(ctx, compute(ctx, "the gradient check",
                    b -> GradcheckView.of(setup(b)))));
            // far too large: refused on its header, nothing reads nor waits for the body. Slightly too large: read, then
            // refused, so that the reply is not lost to a connection reset while the client is still sending
            r.before("/api/uploads", ctx -> {
                if (ctx.contentLength() > Uploads.MAX_BYTES + READ_ANYWAY) {
                    throw new ApiException(413, ErrorReplies.statusMessage(413, null));
                }
            });
            r.post("/api/uploads", this::upload);
            r.post("/api/sessions", this::createSession);
            r.get("/api/sessions", ctx -> json(ctx, sessions.summary()));
            r.get("/api/sessions/{id}", ctx -> json(ctx, session(ctx).state()));
            r.delete("/api/sessions/{id}", ctx -> {
                sessions.close(sessions.get(ctx.pathParam("id")).id());
                json(ctx, Json.object().put("closed", true));
            });
            r.post("/api/sessions/{id}/close", ctx -> { // what a closing tab sends (a beacon can only POST)
                sessions.close(ctx.pathParam("id"));
                ctx.status(204);
            });
            r.post("/api/sessions/{id}/speed", ctx -> {
                TrainingSession s = session(ctx);
                double v = Json.number(Json.parseObject(ctx.body()), "epochsPerSecond", TrainingSession.DEFAULT_SPEED,
                        0, 100_000);
                s.speed(v);
                json(ctx, s.state());
            });
            r.post("/api/sessions/{id}/play", ctx -> control(ctx, TrainingSession::play));
            r.post("/api/sessions/{id}/pause", ctx -> control(ctx, TrainingSession::pause));
            r.post("/api/sessions/{id}/step", ctx -> control(ctx, TrainingSession::step));
            r.post("/api/sessions/{id}/reset", ctx -> {
                TrainingSession s = session(ctx);
                s.reset(ctx.body().isBlank() ? null : compute(ctx, "the new setup", this::setup));
                json(ctx, s.state());
            });
            r.get("/api/sessions/{id}/model.safetensors", ctx -> download(ctx, "model.safetensors",
                    "application/octet-stream", Downloads.model(session(ctx))));
            r.get("/api/sessions/{id}/history.csv", ctx -> download(ctx, "history.csv", "text/csv",
                    Downloads.history(session(ctx))));
            r.sse("/api/sessions/{id}/events", client -> {
                String id = client.ctx().pathParam("id");
                try {
                    sessions.get(id);
                } catch (ApiException e) {
                    client.sendEvent("failure", error(e.getMessage()).toString());
                    client.close();
                    return;
                }
                client.keepAlive();
                sessions.attach(id, new Sessions.EventSink() {
                    @Override
                    public boolean open() {
                        return !client.terminated();
                    }

                    @Override
                    public void send(String event, String data) {
                        client.sendEvent(event, data);
                    }

                    @Override
                    public void ping() {
                        client.sendComment("still there?");
                    }

                    @Override
                    public void close() {
                        client.close();
                    }
                });
            });
        });
    }

    private static ObjectNode error(String message) {
        return Json.object().put("error", message);
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.contentType("application/json").result(body.toString());
    }

    /** @return what {@code work} makes of the request's body, computed within {@link HeavyRequests}' bounds */
    private <T> T compute(Context ctx, String what, java.util.function.Function<String, T> work) {
        String body = ctx.body(); // read here: the worker thread only computes
        return heavy.run(what, () -> work.apply(body));
    }

    private Setup setup(String body) {
        return Setup.of(PlaygroundConfig.from(Json.parseObject(body)), uploads);
    }

    /**
     * What the page asks before it derives: whether the editor and the loss box make a network, and if not, the
     * message and whether it is the loss that is wrong, and if so, {@code warnings} about a J that cannot teach the
     * labels ({@link Setup#warnings}) — answered with 200, since a formula being typed is often
     * wrong for a while and that is no failed request.
     */
    private ObjectNode validate(String body) {
        ObjectNode o = Json.object();
        try {
            Setup setup = setup(body);
            o.put("valid", true);
            setup.warnings().forEach(o.putArray("warnings")::add);
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            boolean loss = e.getMessage().startsWith("loss: ") || e.getMessage().startsWith("'loss'");
            o.put("valid", false);
            o.put("field", loss ? "loss" : "config");
            o.put("error", e.getMessage().startsWith("loss: ") ? e.getMessage().substring(6) : e.getMessage());
        }
        return o;
    }

    private TrainingSession session(Context ctx) {
        return sessions.get(ctx.pathParam("id"));
    }

    private void control(Context ctx, java.util.function.Consumer<TrainingSession> action) {
        TrainingSession s = session(ctx);
        action.accept(s);
        json(ctx, s.state());
    }

    private void createSession(Context ctx) {
        TrainingSession s = sessions.create(compute(ctx, "the new session's setup", this::setup));
        ObjectNode o = s.state();
        o.set("config", s.setup().config().toJson());
        ctx.status(201);
        json(ctx, o);
    }

    private void upload(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        Map.Entry<String, Dataset> e = uploads.add(ctx.header("X-File-Name"), body);
        Dataset d = e.getValue();
        ObjectNode o = Json.object();
        o.put("data", "upload:" + e.getKey());
        o.put("name", d.name());
        o.put("samples", d.size());
        o.put("classes", d.classes());
        ctx.status(201);
        json(ctx, o);
    }

    private static void download(Context ctx, String file, String type, byte[] bytes) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.contentType(type).result(bytes);
    }

    private static ObjectNode presets() {
        ObjectNode o = Json.object();
        o.set("defaults", PlaygroundConfig.defaults().toJson());
        ArrayNode losses = o.putArray("losses");
        loss(losses, "Cross-entropy (textbook)", PlaygroundConfig.DEFAULT_LOSS, "sigmoid");
        loss(losses, "Cross-entropy from the logits", "mean(softplus(Z) - Y*Z)", "sigmoid");
        loss(losses, "Weighted cross-entropy (positives ×3)", "mean(-(3*Y*log(A) + (1 - Y)*log(1 - A)))", "sigmoid");
        loss(losses, "Focal loss (γ = 2)", "pt = Y*A + (1 - Y)*(1 - A)\nmean(-((1 - pt)**2) * log(pt))", "sigmoid");
        loss(losses, "Mean squared error", "mean((A - Y)**2)", "any");
        loss(losses, "Softmax cross-entropy", "mean(-sum(Y*log(A), 0))", "softmax");
        ArrayNode acts = o.putArray("activations");
        for (Activation a : Activation.values()) {
            acts.add(a.cliName());
        }
        ArrayNode data = o.putArray("datasets");
        Datasets.NAMES.forEach(data::add);
        ArrayNode opt = o.putArray("optimizers");
        for (String name : new String[] {"adam", "gd", "momentum", "rmsprop"}) {
            opt.add(name);
        }
        ObjectNode limits = o.putObject("limits");
        limits.put("hiddenLayers", PlaygroundConfig.MAX_HIDDEN_LAYERS);
        limits.put("units", PlaygroundConfig.MAX_UNITS);
        limits.put("uploadBytes", Uploads.MAX_BYTES);
        return o;
    }

    private static void loss(ArrayNode losses, String name, String formula, String output) {
        losses.addObject().put("name", name).put("formula", formula).put("output", output);
    }

    /**
     * Starts listening.
     *
     * @param host the address to bind, such as 127.0.0.1
     * @param port the port, or 0 for a free one
     * @return this server
     */
    public PlaygroundServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    /** @return the port listened on */
    public int port() {
        return app.port();
    }

    /** @return the open sessions */
    public Sessions sessions() {
        return sessions;
    }

    /** Stops listening and ends every session. */
    @Override
    public void close() {
        sessions.close();
        app.stop();
        heavy.close();
    }
}

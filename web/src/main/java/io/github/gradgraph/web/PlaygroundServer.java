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
import io.javalin.http.HttpResponseException;
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

    private final Sessions sessions;
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
        this.log = log;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = Uploads.MAX_BYTES + 64 * 1024;
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
            var r = config.routes;
            r.get("/api/presets", ctx -> json(ctx, presets()));
            r.post("/api/validate", ctx -> json(ctx, validate(ctx)));
            r.post("/api/derive", ctx -> json(ctx, DeriveView.of(setup(ctx))));
            r.post("/api/graph", ctx -> json(ctx, GraphView.of(setup(ctx))));
            r.post("/api/gradcheck", ctx -> json(ctx, GradcheckView.of(setup(ctx))));
            r.before("/api/uploads", ctx -> { // refused on its header: nothing reads, nor waits for, the body
                if (ctx.contentLength() > Uploads.MAX_BYTES) {
                    throw new ApiException(413, statusMessage(413, null));
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
                s.reset(ctx.body().isBlank() ? null : setup(ctx));
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
                });
            });
            r.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).contentType("application/json")
                    .result(error(e.getMessage()).toString()));
            r.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
                    .contentType("application/json").result(error(statusMessage(e.getStatus(), e.getMessage()))
                            .toString()));
            r.exception(Exception.class, (e, ctx) -> {
                log.println("gradgraph serve: " + ctx.method() + " " + ctx.path() + " failed: " + e);
                ctx.status(500).contentType("application/json")
                        .result(error("the server could not do this: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst()
                                        .orElse(""))).toString());
            });
            r.error(404, "application/json", ctx -> {
                if (ctx.path().startsWith("/api/") && ctx.result() == null) {
                    ctx.result(error("no such endpoint: " + ctx.method() + " " + ctx.path()).toString());
                }
            });
        });
    }

    private static String statusMessage(int status, String message) {
        if (status == 413) {
            return "the request is too large: at most " + Uploads.MAX_BYTES / 1024 + " KiB";
        }
        return message == null || message.isBlank() ? "HTTP " + status : message;
    }

    private static ObjectNode error(String message) {
        return Json.object().put("error", message);
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.contentType("application/json").result(body.toString());
    }

    private Setup setup(Context ctx) {
        return Setup.of(PlaygroundConfig.from(Json.parseObject(ctx.body())), uploads);
    }

    /**
     * What the page asks before it derives: whether the editor and the loss box make a network, and if not, the
     * message and whether it is the loss that is wrong, and if so, {@code warnings} about a J that cannot teach the
     * labels ({@link Setup#warnings}) — answered with 200, since a formula being typed is often
     * wrong for a while and that is no failed request.
     */
    private ObjectNode validate(Context ctx) {
        ObjectNode o = Json.object();
        try {
            Setup setup = setup(ctx);
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
        TrainingSession s = sessions.create(setup(ctx));
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
    }
}

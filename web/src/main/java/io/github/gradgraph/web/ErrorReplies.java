package io.github.gradgraph.web;

import io.github.gradgraph.graph.NonFiniteException;
import io.github.gradgraph.graph.print.PrintTooLongException;
import io.github.gradgraph.web.api.ApiException;
import io.github.gradgraph.web.api.Json;
import io.github.gradgraph.web.api.Uploads;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The playground's one error contract: every refusal, the HTTP server's own included (a wrong method, a body, address
 * or header too large, a malformed request), is a 4xx whose body is {@code {"error": "one line"}} naming the culprit.
 * A 500 is kept for the server's own bugs: it is logged with its cause, and its reply names no Java class.
 */
final class ErrorReplies {
    private ErrorReplies() {
    }

    /** Installs the contract on a server being configured; unexpected failures are reported to {@code log}. */
    static void install(JavalinConfig config, PrintStream log) {
        config.http.prefer405over404 = true;
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.router.javaLangErrorHandler((res, error) -> { // an Error escaped a handler: never an empty reply
            boolean deep = error instanceof StackOverflowError;
            if (!deep) {
                report(log, "a request", error);
            }
            try {
                res.setStatus(deep ? 400 : 500);
                res.setContentType("application/json");
                res.getWriter().write(error(deep ? "the request is nested too deeply to be read"
                        : "the server failed on this request (a bug in gradgraph; its log has the details)"));
            } catch (java.io.IOException | IllegalStateException ignored) { // the reply had begun: nothing more to say
            }
        });
        var r = config.routes;
        r.exception(ApiException.class, (e, ctx) -> reply(ctx, e.status(), e.getMessage()));
        r.exception(NonFiniteException.class, (e, ctx) -> reply(ctx, 422, "the loss is not finite at the initial "
                + "weights: " + firstLine(e.getMessage())));
        r.exception(PrintTooLongException.class, (e, ctx) -> reply(ctx, 422, "the derivation is too long to show "
                + "(more than " + String.format(java.util.Locale.ROOT, "%,d", e.budget()) + " characters): give the "
                + "loss's repeated parts names of their own (a = …, then use a) so that they print once"));
        r.exception(MethodNotAllowedResponse.class, (e, ctx) -> {
            String allowed = String.join(", ", e.getDetails().getOrDefault("availableMethods", "").split(",\\s*"));
            if (!allowed.isBlank()) {
                ctx.header("Allow", allowed);
            }
            reply(ctx, 405, ctx.method() + " is not accepted at " + ctx.path() + (allowed.isBlank() ? ""
                    : "; it accepts " + allowed));
        });
        r.exception(NotFoundResponse.class, (e, ctx) -> reply(ctx, 404, "no such " + (ctx.path().startsWith("/api/")
                ? "endpoint" : "page") + ": " + ctx.method() + " " + Json.shown(ctx.path(), 80)));
        r.exception(HttpResponseException.class, (e, ctx) -> reply(ctx, e.getStatus(), statusMessage(e.getStatus(),
                e.getMessage())));
        r.exception(Exception.class, (e, ctx) -> {
            report(log, ctx.method() + " " + ctx.path(), e);
            reply(ctx, 500, "the server failed on " + ctx.method() + " " + ctx.path() + " (a bug in gradgraph; its "
                    + "log has the details)");
        });
    }

    private static void report(PrintStream log, String what, Throwable e) {
        synchronized (log) {
            log.println("gradgraph serve: " + what + " failed: " + e);
            e.printStackTrace(log);
        }
    }

    private static void reply(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(error(message));
    }

    /** @return {@code {"error": message}}, the message on one line */
    static String error(String message) {
        return Json.object().put("error", firstLine(message)).toString();
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "the request was refused";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** @return what a status means to the user, when the server gave no message of its own */
    static String statusMessage(int status, String message) {
        return switch (status) {
            case 400 -> "the request is malformed" + (message == null || message.isBlank() ? "" : ": " + message);
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request is too large: at most " + Uploads.MAX_BYTES / 1024 + " KiB";
            case 414 -> "the request's address is too long";
            case 415 -> "the request's content type is not accepted";
            case 431 -> "the request's headers are too large";
            case 505 -> "the HTTP version is not supported; use HTTP/1.1";
            default -> message == null || message.isBlank() ? "HTTP " + status : message;
        };
    }

    /**
     * Jetty's own replies (to requests refused before any route sees them: addresses or headers too large, malformed
     * requests) in the contract's JSON instead of an HTML page.
     */
    private static final class JsonErrorHandler extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            byte[] body = error(statusMessage(code, jettyReason(message))).getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason,
                org.eclipse.jetty.http.HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(error(statusMessage(status, jettyReason(reason))).getBytes(StandardCharsets.UTF_8));
        }

        /** @return Jetty's reason when it tells the user something, or null for a bare status name */
        private static String jettyReason(String reason) {
            return reason == null || reason.matches("[A-Za-z ]*") ? null : reason;
        }
    }
}

package dev.fastgpu.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.fastgpu.api.Json;
import dev.fastgpu.api.Problem;
import dev.fastgpu.model.IllegalTransitionException;
import dev.fastgpu.server.service.ApiError;
import dev.fastgpu.store.StoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/** The one mapping from failures to HTTP statuses and {@code application/problem+json} bodies. */
final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    static final String TYPE_BASE = "https://fastgpu.dev/problems/";
    /** Jackson's "[Source: REDACTED (...); line: 1, column: 13]": only the line and column mean something to a person. */
    private static final java.util.regex.Pattern LOCATION = java.util.regex.Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

    private Problems() {}

    static void register(RoutesConfig routes) {
        routes.exception(Exception.class, (e, ctx) -> send(ctx, of(e, ctx.method().name(), ctx.path())));
        // Javalin's own answers (no route, no such method) are plain text: turn them into problems too.
        routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                send(ctx, 404, "not-found", "Not found", "no route " + ctx.method() + " " + ctx.path() + "; see GET /api/v1/openapi.json");
            }
        });
        routes.error(405, ctx -> send(ctx, 405, "method-not-allowed", "Method not allowed",
                ctx.method() + " is not allowed on " + ctx.path() + "; see GET /api/v1/openapi.json"));
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.MEDIA_TYPE);
    }

    /**
     * The problem a failure is answered with, for every route and both HTTP paths (Javalin's and
     * {@link SubmitPath}'s). Failures a person must look into (the store, bugs) are logged here.
     */
    static Problem of(Throwable e, String method, String path) {
        return switch (e) {
            case ApiError a -> problem(a.kind().status, a.kind().slug, a.kind().title, a.getMessage(), path);
            case BodyException b -> problem(b.status, b.slug, b.title, b.getMessage(), path);
            case IllegalTransitionException t -> problem(409, "conflict", "Conflict", t.getMessage(), path);
            case IllegalArgumentException i -> problem(400, "invalid-request", "Invalid request", i.getMessage(), path);
            case StoreException st -> {
                LOG.error("store failure on {} {}", method, path, st);
                yield problem(503, "store-unavailable", "State store unavailable", st.getMessage() + "; check the server's data directory and log", path);
            }
            default -> {
                LOG.error("unexpected failure on {} {}", method, path, e);
                yield problem(500, "internal", "Internal error", "the server failed unexpectedly (" + e.getClass().getSimpleName()
                        + "); the server log has the details", path);
            }
        };
    }

    private static Problem problem(int status, String slug, String title, String detail, String path) {
        return new Problem(TYPE_BASE + slug, title, status, detail, path);
    }

    /** The problem as its JSON body. */
    static byte[] bytes(Problem p) {
        try {
            return Json.strict().writeValueAsBytes(p);
        } catch (JsonProcessingException e) {
            return p.detail().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static void send(Context ctx, int status, String slug, String title, String detail) {
        send(ctx, problem(status, slug, title, detail, ctx.path()));
    }

    private static void send(Context ctx, Problem p) {
        ctx.status(p.status()).contentType(Problem.MEDIA_TYPE).result(bytes(p));
    }

    /** A request body that could not be read, with a message naming the field. */
    static final class BodyException extends RuntimeException {
        final int status;
        final String slug;
        final String title;

        BodyException(String slug, String title, String message) {
            this(400, slug, title, message);
        }

        BodyException(int status, String slug, String title, String message) {
            super(message);
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        static BodyException of(JsonProcessingException e, String what, boolean spec) {
            String slug = spec ? "invalid-spec" : "invalid-request";
            String title = spec ? "Invalid job spec" : "Invalid request";
            if (e instanceof UnrecognizedPropertyException u) {
                String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                        .collect(Collectors.joining(", "));
                return new BodyException(slug, title, "unknown field '" + u.getPropertyName() + "' in the " + what
                        + (known.isEmpty() ? "" : "; known fields: " + known));
            }
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")) : null;
            String detail = LOCATION.matcher(e.getOriginalMessage().lines().findFirst().orElse("unreadable")).replaceAll("line $1, column $2");
            if (e instanceof InvalidFormatException f) {
                detail = "value " + f.getValue() + " is not a valid " + f.getTargetType().getSimpleName();
            }
            return new BodyException(slug, title, "cannot read the " + what + (field == null ? "" : " at field '" + field + "'")
                    + ": " + detail);
        }
    }
}

package dev.fastgpu.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.Json;
import io.javalin.http.Context;

import java.util.Locale;

/** Reads request bodies: JSON always, YAML for job specs ({@code Content-Type: application/yaml}). */
final class Body {
    private static final ObjectMapper YAML = YAMLMapper.builder().addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The largest request body taken (Javalin's default limit, which {@link HttpApi} sets to this too). */
    static final long MAX_BYTES = 1_000_000;

    /** The spec reader, bound once: looks up no root type per request. */
    private static final ObjectReader SPEC = Json.strict().readerFor(JobSpec.class);

    private Body() {}

    static <T> T json(Context ctx, Class<T> type) {
        byte[] bytes = bytes(ctx);
        if (isBlank(bytes)) throw new Problems.BodyException("invalid-request", "Invalid request", "the request body is empty; send a JSON " + type.getSimpleName());
        try {
            return Json.strict().readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw Problems.BodyException.of(e, "JSON body", false);
        } catch (java.io.IOException e) {
            throw new Problems.BodyException("invalid-request", "Invalid request", "cannot read the JSON body: " + e.getMessage());
        }
    }

    /**
     * The request body. With a Content-Length (every FastGPU client and agent sends one) it is read
     * into an array of exactly that size, and a body over the limit is refused before it is read,
     * as a problem (413) that names the limit; Javalin's own reader answered that case with a bare
     * "Content Too Large" in plain text.
     */
    static byte[] bytes(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length < 0) return ctx.bodyAsBytes(); // chunked: Javalin reads it, under the same limit (HttpApi sets it)
        if (length > MAX_BYTES) {
            throw new Problems.BodyException(413, "body-too-large", "Request body too large", "the request body has " + length
                    + " bytes; the limit is " + MAX_BYTES + " (a job spec is a few hundred; put large data in files the job reads)");
        }
        try {
            return exactly(ctx.req().getInputStream(), length);
        } catch (java.io.IOException e) {
            throw unreadable(e);
        }
    }

    /** A body of a known length (at most {@link #MAX_BYTES}) read into an array of exactly that size. */
    static byte[] exactly(java.io.InputStream in, long length) {
        byte[] body = new byte[(int) length];
        int read;
        try {
            read = in.readNBytes(body, 0, body.length);
        } catch (java.io.IOException e) {
            throw unreadable(e);
        }
        if (read < body.length) {
            throw new Problems.BodyException("invalid-request", "Invalid request", "the request body ended after " + read
                    + " of the " + length + " bytes its Content-Length announced");
        }
        return body;
    }

    private static Problems.BodyException unreadable(java.io.IOException e) {
        return new Problems.BodyException("invalid-request", "Invalid request", "cannot read the request body: " + e.getMessage());
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
        return true;
    }

    static JobSpec spec(Context ctx) {
        return spec(bytes(ctx), isYaml(ctx.contentType()));
    }

    /** Whether a Content-Type names YAML; anything else (none included) is read as JSON. */
    static boolean isYaml(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("yaml");
    }

    /** A job spec from its bytes: JSON is UTF-8 (RFC 8259), YAML is detected from its bytes, so no string in between. */
    static JobSpec spec(byte[] bytes, boolean yaml) {
        if (isBlank(bytes)) {
            throw new Problems.BodyException("invalid-spec", "Invalid job spec", "the request body is empty; send a job spec such as {\"command\": [\"nvidia-smi\"], \"gpus\": 1}");
        }
        try {
            return yaml ? YAML.readValue(bytes, JobSpec.class) : SPEC.readValue(bytes);
        } catch (JsonProcessingException e) {
            throw Problems.BodyException.of(e, yaml ? "YAML job spec" : "JSON job spec", true);
        } catch (java.io.IOException e) {
            throw new Problems.BodyException("invalid-spec", "Invalid job spec", "cannot read the job spec: " + e.getMessage());
        }
    }
}

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

    /** The spec reader, bound once: looks up no root type per request. */
    private static final ObjectReader SPEC = Json.strict().readerFor(JobSpec.class);

    private Body() {}

    static <T> T json(Context ctx, Class<T> type) {
        String text = ctx.body();
        if (text.isBlank()) throw new Problems.BodyException("invalid-request", "Invalid request", "the request body is empty; send a JSON " + type.getSimpleName());
        try {
            return Json.strict().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw Problems.BodyException.of(e, "JSON body", false);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
        return true;
    }

    static JobSpec spec(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean yaml = type.contains("yaml");
        byte[] bytes = ctx.bodyAsBytes(); // JSON is UTF-8 (RFC 8259): parsed from the bytes, no string in between
        if (isBlank(bytes)) {
            throw new Problems.BodyException("invalid-spec", "Invalid job spec", "the request body is empty; send a job spec such as {\"command\": [\"nvidia-smi\"], \"gpus\": 1}");
        }
        try {
            return yaml ? YAML.readValue(ctx.body(), JobSpec.class) : SPEC.readValue(bytes);
        } catch (JsonProcessingException e) {
            throw Problems.BodyException.of(e, yaml ? "YAML job spec" : "JSON job spec", true);
        } catch (java.io.IOException e) {
            throw new Problems.BodyException("invalid-spec", "Invalid job spec", "cannot read the job spec: " + e.getMessage());
        }
    }
}

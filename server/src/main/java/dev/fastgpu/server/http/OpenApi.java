package dev.fastgpu.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the OpenAPI 3.1 document from the route table and the API records, so it cannot drift from the code. */
final class OpenApi {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
    /** Descriptions of record components whose meaning the name and type do not say (schema.property). */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "JobView.queuePosition", "1-based place among the QUEUED jobs in the order the scheduler considers them, "
                    + "as of its last pass (a job submitted since counts after the jobs that pass saw); absent when the job is not queued",
            "JobView.reason", "why the job waits (for a queued job: as of the last scheduling pass), failed or was cancelled",
            "UsageView.pricePerGpuHourUsd", "the price per GPU hour applied; for a job that has not run, the lowest among the GPU "
                    + "models it may get (the one it asks for, or those of the nodes that could run it)",
            "UsageView.maxPricePerGpuHourUsd", "for a job that has not run and may get GPU models of different prices, the highest "
                    + "of them; absent otherwise",
            "PlanView.estimatedCostPerHourMaxUsd", "when the job would wait and the GPU models it may get differ in price, the cost "
                    + "per hour on the dearest of them (estimatedCostPerHourUsd: on the cheapest); absent otherwise");

    private OpenApi() {}

    static ObjectNode document(List<Route> routes, String version) {
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", "FastGPU API").put("version", version)
                .put("description", "Control plane of FastGPU. Every route needs 'Authorization: Bearer <token>'. Errors are application/problem+json.");
        ObjectNode schemas = F.objectNode();
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            ObjectNode item = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            ObjectNode op = item.putObject(r.method().toLowerCase(Locale.ROOT));
            op.put("summary", r.summary());
            op.putArray("security").addObject().putArray("bearer");
            ArrayNode params = op.putArray("parameters");
            Matcher m = PARAM.matcher(r.path());
            while (m.find()) {
                params.addObject().put("name", m.group(1)).put("in", "path").put("required", true).putObject("schema").put("type", "string");
            }
            if (r.requestBody() != null) {
                op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                        .set("schema", schema(r.requestBody(), schemas));
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode ok = responses.putObject(Integer.toString(r.status())).put("description", "success");
            String media = r.response() == String.class ? "text/plain" : "application/json";
            ok.putObject("content").putObject(media).set("schema", schema(r.response(), schemas));
            responses.putObject("default").put("description", "a problem (RFC 9457)")
                    .putObject("content").putObject("application/problem+json")
                    .set("schema", schema(dev.fastgpu.api.Problem.class, schemas));
        }
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas);
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer");
        return doc;
    }

    private static ObjectNode schema(Type t, ObjectNode schemas) {
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw) || java.util.Set.class.isAssignableFrom(raw)) {
                ObjectNode a = F.objectNode().put("type", "array");
                a.set("items", schema(p.getActualTypeArguments()[0], schemas));
                return a;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode o = F.objectNode().put("type", "object");
                o.set("additionalProperties", schema(p.getActualTypeArguments()[1], schemas));
                return o;
            }
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) return F.objectNode().put("type", "string");
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) return F.objectNode().put("type", "integer");
        if (c == double.class || c == Double.class) return F.objectNode().put("type", "number");
        if (c == boolean.class || c == Boolean.class) return F.objectNode().put("type", "boolean");
        if (c == Instant.class) return F.objectNode().put("type", "string").put("format", "date-time");
        if (c.isEnum()) {
            ObjectNode e = F.objectNode().put("type", "string");
            ArrayNode values = e.putArray("enum");
            for (Object v : c.getEnumConstants()) values.add(((Enum<?>) v).name());
            return e;
        }
        if (c.isRecord()) {
            String name = c.getEnclosingClass() == null ? c.getSimpleName() : c.getEnclosingClass().getSimpleName() + c.getSimpleName();
            if (!schemas.has(name)) {
                ObjectNode s = F.objectNode().put("type", "object");
                schemas.set(name, s);
                ObjectNode props = s.putObject("properties");
                for (RecordComponent rc : c.getRecordComponents()) {
                    ObjectNode p = schema(rc.getGenericType(), schemas);
                    String doc = DESCRIPTIONS.get(name + "." + rc.getName());
                    if (doc != null) p.put("description", doc);
                    props.set(rc.getName(), p);
                }
            }
            return F.objectNode().put("$ref", "#/components/schemas/" + name);
        }
        return F.objectNode();
    }
}

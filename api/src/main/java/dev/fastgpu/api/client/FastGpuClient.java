package dev.fastgpu.api.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fastgpu.api.GpuSampleList;
import dev.fastgpu.api.Health;
import dev.fastgpu.api.JobEventList;
import dev.fastgpu.api.JobPage;
import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.Json;
import dev.fastgpu.api.NodeList;
import dev.fastgpu.api.NodeView;
import dev.fastgpu.api.PlanView;
import dev.fastgpu.api.Problem;
import dev.fastgpu.api.TokenCreated;
import dev.fastgpu.api.TokenRequest;
import dev.fastgpu.api.WhoAmI;
import dev.fastgpu.api.agent.Ack;
import dev.fastgpu.api.agent.AssignmentSet;
import dev.fastgpu.api.agent.GpuSamples;
import dev.fastgpu.api.agent.Heartbeat;
import dev.fastgpu.api.agent.JobExited;
import dev.fastgpu.api.agent.JobStarted;
import dev.fastgpu.api.agent.JoinRequest;
import dev.fastgpu.api.agent.JoinResponse;
import dev.fastgpu.api.agent.LogChunks;
import dev.fastgpu.api.agent.ReportAcks;
import dev.fastgpu.api.agent.Reports;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Blocking client for every route of the FastGPU API (see api/README.md). Thread-safe; one
 * instance per base URL and token. Errors come back as {@link ApiException} carrying the server's
 * problem document; an unreachable server as {@link UncheckedIOException}.
 */
public final class FastGpuClient implements AutoCloseable {
    private static final String V1 = "/api/v1";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final Transport http;
    private final ObjectMapper json = Json.lenient();

    /**
     * @param baseUrl e.g. "http://127.0.0.1:7070"
     * @param token   bearer token (user/admin token, join token or agent token)
     */
    public FastGpuClient(String baseUrl, String token) {
        this(serverUri(baseUrl), token);
    }

    /** The server's base URL, refused unless it is an absolute http:// or https:// URL with a host. */
    private static URI serverUri(String baseUrl) {
        String trimmed = baseUrl == null ? "" : baseUrl.strip();
        if (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("the server URL '" + baseUrl + "' is not an http:// or https:// URL with a host;"
                    + " write it like http://127.0.0.1:7070");
        }
        return uri;
    }

    private FastGpuClient(URI base, String token) {
        this(base, token, transport(base));
    }

    /**
     * An http:// server gets {@link Http1Transport} (the calling thread does the exchange, on a
     * kept-alive connection), an https:// one the JDK's client with its default TLS trust.
     */
    private static Transport transport(URI base) {
        Duration connect = Duration.ofSeconds(5);
        return "http".equalsIgnoreCase(base.getScheme()) ? new Http1Transport(base, connect) : new JdkTransport(base, connect);
    }

    private FastGpuClient(URI base, String token, Transport http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    /** The same server with another token (e.g. the agent token received at join). */
    public FastGpuClient withToken(String newToken) {
        return new FastGpuClient(base, newToken, http);
    }

    public URI baseUri() {
        return base;
    }

    /**
     * Closes the connections (shared with the clients made by {@link #withToken}); requests still in
     * flight fail, and so do later ones.
     */
    @Override
    public void close() {
        http.close();
    }

    // ---- jobs ----

    /** Submits a spec. With a non-null idempotency key, repeating the call returns the same job. */
    public JobView submit(JobSpec spec, String idempotencyKey) {
        return send(post("/jobs", spec, idempotencyKey), JobView.class, DEFAULT_TIMEOUT);
    }

    public JobView submit(JobSpec spec) {
        return submit(spec, null);
    }

    /** Submits a job file's content as YAML (JSON is YAML too). */
    public JobView submitYaml(String yaml, String idempotencyKey) {
        Call c = call("POST", "/jobs").header("Content-Type", "application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8));
        if (idempotencyKey != null) c.header("Idempotency-Key", idempotencyKey);
        return send(c, JobView.class, DEFAULT_TIMEOUT);
    }

    public JobView job(String id) {
        return send(get("/jobs/" + enc(id)), JobView.class, DEFAULT_TIMEOUT);
    }

    public JobPage jobs(JobQuery q) {
        StringJoiner qs = new StringJoiner("&", "?", "").setEmptyValue("");
        if (q.states() != null && !q.states().isEmpty()) {
            StringJoiner s = new StringJoiner(",");
            q.states().stream().map(Enum::name).sorted().forEach(s::add);
            qs.add("state=" + enc(s.toString()));
        }
        if (q.user() != null) qs.add("user=" + enc(q.user()));
        if (q.name() != null) qs.add("name=" + enc(q.name()));
        if (q.project() != null) qs.add("project=" + enc(q.project()));
        if (q.limit() != null) qs.add("limit=" + q.limit());
        if (q.cursor() != null) qs.add("cursor=" + enc(q.cursor()));
        return send(get("/jobs" + qs), JobPage.class, DEFAULT_TIMEOUT);
    }

    public JobView cancel(String id) {
        return send(post("/jobs/" + enc(id) + "/cancel", null, null), JobView.class, DEFAULT_TIMEOUT);
    }

    public JobEventList events(String id) {
        return send(get("/jobs/" + enc(id) + "/events"), JobEventList.class, DEFAULT_TIMEOUT);
    }

    /** The job's output so far (stdout and stderr interleaved in arrival order); {@code tail} lines, or all when null. */
    public String logs(String id, Integer tail) {
        return new String(sendForBytes(get("/jobs/" + enc(id) + "/logs" + (tail == null ? "" : "?tail=" + tail)), DEFAULT_TIMEOUT),
                StandardCharsets.UTF_8);
    }

    /**
     * Streams the job's output to {@code sink} as it arrives, until the job has finished and all its
     * output was sent (or the thread is interrupted). Starts with the last {@code tail} lines (all when null).
     */
    public void followLogs(String id, Integer tail, Consumer<String> sink) {
        String path = "/jobs/" + enc(id) + "/logs?follow=true" + (tail == null ? "" : "&tail=" + tail);
        Call c = get(path);
        try (Transport.Streamed res = http.stream(V1 + c.path, c.headers)) {
            if (res.status() >= 300) {
                throw error(res.status(), new String(res.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            Reader r = new InputStreamReader(res.body(), StandardCharsets.UTF_8);
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) >= 0) {
                if (n > 0) sink.accept(new String(buf, 0, n));
            }
        } catch (java.nio.channels.ClosedByInterruptException e) {
            Thread.currentThread().interrupt(); // stopped following, as asked
        } catch (IOException e) {
            throw new UncheckedIOException("could not stream logs from " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public GpuSampleList samples(String id) {
        return send(get("/jobs/" + enc(id) + "/samples"), GpuSampleList.class, DEFAULT_TIMEOUT);
    }

    /** Dry run: where the spec would go on the live cluster, or why it would wait. Nothing is stored. */
    public PlanView plan(JobSpec spec) {
        return send(post("/plan", spec, null), PlanView.class, DEFAULT_TIMEOUT);
    }

    // ---- nodes ----

    public NodeList nodes() {
        return send(get("/nodes"), NodeList.class, DEFAULT_TIMEOUT);
    }

    public NodeView node(String id) {
        return send(get("/nodes/" + enc(id)), NodeView.class, DEFAULT_TIMEOUT);
    }

    public NodeView drain(String id) {
        return send(post("/nodes/" + enc(id) + "/drain", null, null), NodeView.class, DEFAULT_TIMEOUT);
    }

    public NodeView undrain(String id) {
        return send(post("/nodes/" + enc(id) + "/undrain", null, null), NodeView.class, DEFAULT_TIMEOUT);
    }

    // ---- misc ----

    public Health health() {
        return send(get("/health"), Health.class, DEFAULT_TIMEOUT);
    }

    public WhoAmI whoami() {
        return send(get("/whoami"), WhoAmI.class, DEFAULT_TIMEOUT);
    }

    /** The OpenAPI 3.1 document, as JSON text. */
    public String openApi() {
        return new String(sendForBytes(get("/openapi.json"), DEFAULT_TIMEOUT), StandardCharsets.UTF_8);
    }

    /** Creates a token for a user (admin only); the secret is in the answer and nowhere else. */
    public TokenCreated createToken(TokenRequest req) {
        return send(post("/tokens", req, null), TokenCreated.class, DEFAULT_TIMEOUT);
    }

    // ---- agent protocol ----

    /** Joins the cluster; this client must carry the join token. */
    public JoinResponse join(JoinRequest req) {
        return send(post("/agent/join", req, null), JoinResponse.class, DEFAULT_TIMEOUT);
    }

    /** Heartbeat; answers with the node's full assignment set. Needs the agent token. */
    public AssignmentSet heartbeat(Heartbeat hb) {
        return send(post("/agent/nodes/" + enc(hb.nodeId()) + "/heartbeat", hb, null), AssignmentSet.class, DEFAULT_TIMEOUT);
    }

    /**
     * Long poll: returns the node's assignment set as soon as its version differs from
     * {@code knownVersion}, or after {@code wait} with the unchanged set. Pass -1 to get it at once.
     */
    public AssignmentSet assignments(String nodeId, long knownVersion, Duration wait) {
        String path = "/agent/nodes/" + enc(nodeId) + "/assignments?version=" + knownVersion + "&waitMs=" + wait.toMillis();
        return send(get(path), AssignmentSet.class, wait.plus(DEFAULT_TIMEOUT));
    }

    public Ack started(String allocationId, JobStarted report) {
        return send(post("/agent/allocations/" + enc(allocationId) + "/started", report, null), Ack.class, DEFAULT_TIMEOUT);
    }

    public Ack exited(String allocationId, JobExited report) {
        return send(post("/agent/allocations/" + enc(allocationId) + "/exited", report, null), Ack.class, DEFAULT_TIMEOUT);
    }

    /** Starts and ends of many allocations of one node, committed together; one ack per item. */
    public ReportAcks report(String nodeId, Reports reports) {
        return send(post("/agent/nodes/" + enc(nodeId) + "/reports", reports, null), ReportAcks.class, DEFAULT_TIMEOUT);
    }

    public Ack shipLogs(String allocationId, LogChunks chunks) {
        return send(post("/agent/allocations/" + enc(allocationId) + "/logs", chunks, null), Ack.class, DEFAULT_TIMEOUT);
    }

    public Ack shipSamples(String allocationId, GpuSamples samples) {
        return send(post("/agent/allocations/" + enc(allocationId) + "/samples", samples, null), Ack.class, DEFAULT_TIMEOUT);
    }

    // ---- plumbing ----

    /** One request being put together: method, path under /api/v1 (with its query), headers and body. */
    private static final class Call {
        final String method;
        final String path;
        final List<Transport.Header> headers = new ArrayList<>(4);
        byte[] body;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call header(String name, String value) {
            headers.add(new Transport.Header(name, value));
            return this;
        }

        Call body(byte[] bytes) {
            body = bytes;
            return this;
        }
    }

    private Call call(String method, String path) {
        Call c = new Call(method, path).header("Accept", "application/json");
        if (token != null) c.header("Authorization", "Bearer " + token);
        return c;
    }

    private Call get(String path) {
        return call("GET", path);
    }

    private Call post(String path, Object body, String idempotencyKey) {
        Call c = call("POST", path).header("Content-Type", "application/json");
        if (idempotencyKey != null) c.header("Idempotency-Key", idempotencyKey);
        try {
            return c.body(body == null ? new byte[]{'{', '}'} : json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request body: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T send(Call c, Class<T> type, Duration timeout) {
        byte[] body = sendForBytes(c, timeout);
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("the server at " + base + " sent a " + type.getSimpleName()
                    + " this client cannot read: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private byte[] sendForBytes(Call c, Duration timeout) {
        try {
            Transport.Reply res = http.exchange(c.method, V1 + c.path, c.headers, c.body, timeout);
            if (res.status() >= 300) throw error(res.status(), new String(res.body(), StandardCharsets.UTF_8));
            return res.body();
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw interrupted(c, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the FastGPU server at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is it running?", e);
        } catch (InterruptedException e) {
            throw interrupted(c, e);
        }
    }

    private IllegalStateException interrupted(Call c, Exception e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted while calling " + c.method + " " + base.resolve(V1 + c.path), e);
    }

    private ApiException error(int status, String body) {
        Problem p;
        try {
            p = json.readValue(body, Problem.class);
            if (p.detail() == null && p.title() == null) throw new IOException("not a problem document");
        } catch (IOException e) {
            p = new Problem("about:blank", "HTTP " + status, status, body == null || body.isBlank() ? "(no body)" : body, null);
        }
        return new ApiException(status, p);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

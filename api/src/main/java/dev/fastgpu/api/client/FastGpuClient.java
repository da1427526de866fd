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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    private final HttpClient http;
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
        this(base, token, httpClient(base));
    }

    /**
     * The JDK client builds the default TLS context (the CA certificates parsed, the providers
     * loaded) when it is created, whatever the scheme: about 50 ms of every CLI command here
     * (`fastgpu list`, six alternating runs: median 0.95 s against 1.00 s). A plain-HTTP server
     * gets a client whose TLS context trusts nothing instead, so that cost is never paid; an
     * https:// server gets the default.
     */
    private static HttpClient httpClient(URI base) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if ("http".equalsIgnoreCase(base.getScheme())) b.sslContext(PlainHttp.TLS);
        return b.build();
    }

    private FastGpuClient(URI base, String token, HttpClient http) {
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
     * Stops the HTTP client's connections and its selector thread (shared with the clients made by
     * {@link #withToken}); requests still in flight fail. A process that exits right after its last
     * request should call it first: the JVM's exit waits up to 300 ms for threads blocked in native
     * code, and the selector thread sits in {@code epoll_wait} until it is shut down (about a third
     * of a {@code fastgpu list} here).
     */
    @Override
    public void close() {
        http.shutdownNow();
        try {
            http.awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        HttpRequest.Builder b = request("/jobs").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml));
        if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
        return send(b, JobView.class, DEFAULT_TIMEOUT);
    }

    public JobView job(String id) {
        return send(request("/jobs/" + enc(id)).GET(), JobView.class, DEFAULT_TIMEOUT);
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
        return send(request("/jobs" + qs).GET(), JobPage.class, DEFAULT_TIMEOUT);
    }

    public JobView cancel(String id) {
        return send(post("/jobs/" + enc(id) + "/cancel", null, null), JobView.class, DEFAULT_TIMEOUT);
    }

    public JobEventList events(String id) {
        return send(request("/jobs/" + enc(id) + "/events").GET(), JobEventList.class, DEFAULT_TIMEOUT);
    }

    /** The job's output so far (stdout and stderr interleaved in arrival order); {@code tail} lines, or all when null. */
    public String logs(String id, Integer tail) {
        HttpRequest.Builder b = request("/jobs/" + enc(id) + "/logs" + (tail == null ? "" : "?tail=" + tail)).GET();
        return sendForString(b, DEFAULT_TIMEOUT);
    }

    /**
     * Streams the job's output to {@code sink} as it arrives, until the job has finished and all its
     * output was sent (or the thread is interrupted). Starts with the last {@code tail} lines (all when null).
     */
    public void followLogs(String id, Integer tail, Consumer<String> sink) {
        String path = "/jobs/" + enc(id) + "/logs?follow=true" + (tail == null ? "" : "&tail=" + tail);
        HttpRequest req = request(path).GET().build();
        try {
            HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() >= 300) {
                throw error(res.statusCode(), new String(res.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                char[] buf = new char[8192];
                int n;
                while ((n = r.read(buf)) >= 0) {
                    if (n > 0) sink.accept(new String(buf, 0, n));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not stream logs from " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public GpuSampleList samples(String id) {
        return send(request("/jobs/" + enc(id) + "/samples").GET(), GpuSampleList.class, DEFAULT_TIMEOUT);
    }

    /** Dry run: where the spec would go on the live cluster, or why it would wait. Nothing is stored. */
    public PlanView plan(JobSpec spec) {
        return send(post("/plan", spec, null), PlanView.class, DEFAULT_TIMEOUT);
    }

    // ---- nodes ----

    public NodeList nodes() {
        return send(request("/nodes").GET(), NodeList.class, DEFAULT_TIMEOUT);
    }

    public NodeView node(String id) {
        return send(request("/nodes/" + enc(id)).GET(), NodeView.class, DEFAULT_TIMEOUT);
    }

    public NodeView drain(String id) {
        return send(post("/nodes/" + enc(id) + "/drain", null, null), NodeView.class, DEFAULT_TIMEOUT);
    }

    public NodeView undrain(String id) {
        return send(post("/nodes/" + enc(id) + "/undrain", null, null), NodeView.class, DEFAULT_TIMEOUT);
    }

    // ---- misc ----

    public Health health() {
        return send(request("/health").GET(), Health.class, DEFAULT_TIMEOUT);
    }

    public WhoAmI whoami() {
        return send(request("/whoami").GET(), WhoAmI.class, DEFAULT_TIMEOUT);
    }

    /** The OpenAPI 3.1 document, as JSON text. */
    public String openApi() {
        return sendForString(request("/openapi.json").GET(), DEFAULT_TIMEOUT);
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
        return send(request(path).GET(), AssignmentSet.class, wait.plus(DEFAULT_TIMEOUT));
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

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(V1 + path)).header("Accept", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private HttpRequest.Builder post(String path, Object body, String idempotencyKey) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json");
        if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
        try {
            String text = body == null ? "{}" : json.writeValueAsString(body);
            return b.POST(HttpRequest.BodyPublishers.ofString(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request body: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T send(HttpRequest.Builder b, Class<T> type, Duration timeout) {
        String body = sendForString(b, timeout);
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the server at " + base + " sent a " + type.getSimpleName()
                    + " this client cannot read: " + e.getOriginalMessage(), e);
        }
    }

    private String sendForString(HttpRequest.Builder b, Duration timeout) {
        HttpRequest req = b.timeout(timeout).build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (res.statusCode() >= 300) throw error(res.statusCode(), res.body());
            return res.body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the FastGPU server at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is it running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + req.uri(), e);
        }
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

package dev.fastgpu.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fastgpu.api.Json;
import dev.fastgpu.api.agent.Ack;
import dev.fastgpu.api.agent.AllocationAck;
import dev.fastgpu.api.agent.AllocationReport;
import dev.fastgpu.api.agent.Assignment;
import dev.fastgpu.api.agent.AssignmentSet;
import dev.fastgpu.api.agent.GpuSamples;
import dev.fastgpu.api.agent.JobExited;
import dev.fastgpu.api.agent.JoinRequest;
import dev.fastgpu.api.agent.JoinResponse;
import dev.fastgpu.api.agent.LogChunk;
import dev.fastgpu.api.agent.LogChunks;
import dev.fastgpu.api.agent.ReportAcks;
import dev.fastgpu.api.agent.Reports;
import dev.fastgpu.model.NodeState;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal control plane that speaks the agent routes of api/README.md over real HTTP on 127.0.0.1,
 * for testing the agent's loops without the scheduler. The test sets the assignment set by hand and
 * reads back what the agent reported. (End-to-end tests with the real server live in the cli module.)
 */
final class ScriptedControlPlane implements AutoCloseable {
    static final String JOIN_TOKEN = "join-secret";
    static final String AGENT_TOKEN = "agent-secret";

    private final ObjectMapper json = Json.lenient();
    private final HttpServer http;
    private long version = 0;
    private List<Assignment> assignments = List.of();
    volatile JoinRequest joined;
    final Map<String, Long> started = new ConcurrentHashMap<>();
    final Map<String, JobExited> exited = new ConcurrentHashMap<>();
    /** Per allocation: seq -> chunk, first copy wins (what the real server does with resends). */
    final Map<String, TreeMap<Long, LogChunk>> logs = new ConcurrentHashMap<>();
    /** Per allocation: how many log chunks had arrived when "exited" came. */
    final Map<String, Integer> chunksAtExit = new ConcurrentHashMap<>();
    final Map<String, List<dev.fastgpu.api.agent.GpuSample>> samples = new ConcurrentHashMap<>();
    /** Per allocation: how many GPU samples had arrived when "exited" came. */
    final Map<String, Integer> samplesAtExit = new ConcurrentHashMap<>();
    /** The last heartbeat the agent sent. */
    volatile dev.fastgpu.api.agent.Heartbeat lastHeartbeat;
    /** While set, every report (starts, ends, output) is answered 503, as by a server that is away. */
    volatile boolean refuseReports;
    /** Requests to the batch route {@code nodes/{id}/reports}. */
    final AtomicInteger reportBatches = new AtomicInteger();

    ScriptedControlPlane() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/api/v1/agent/", this::handle);
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    synchronized void assign(List<Assignment> next) {
        assignments = List.copyOf(next);
        version++;
        notifyAll();
    }

    private synchronized AssignmentSet set() {
        return new AssignmentSet("n-1", version, NodeState.READY, assignments);
    }

    private synchronized AssignmentSet awaitChange(long known, long waitMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMs;
        while (version == known && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return set();
    }

    String logText(String allocationId) {
        StringBuilder sb = new StringBuilder();
        logs.getOrDefault(allocationId, new TreeMap<>()).values().forEach(c -> sb.append(c.data()));
        return sb.toString();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath().substring("/api/v1/agent/".length());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String[] p = path.split("/");
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals("join")) {
                if (!("Bearer " + JOIN_TOKEN).equals(auth)) { reply(ex, 401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"bad join token\"}"); return; }
                joined = json.readValue(body, JoinRequest.class);
                reply(ex, 200, json.writeValueAsString(new JoinResponse("n-1", AGENT_TOKEN, 200, 5000, 2000)));
                return;
            }
            if (!("Bearer " + AGENT_TOKEN).equals(auth)) { reply(ex, 401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"bad agent token\"}"); return; }
            if (refuseReports && (p[0].equals("allocations") || (p.length > 2 && p[2].equals("reports")))) {
                reply(ex, 503, "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"refusing reports\"}");
                return;
            }
            Object answer = switch (p[0]) {
                case "nodes" -> switch (p[2]) {
                    case "heartbeat" -> {
                        lastHeartbeat = json.readValue(body, dev.fastgpu.api.agent.Heartbeat.class);
                        yield set();
                    }
                    case "reports" -> reports(json.readValue(body, Reports.class));
                    default -> awaitChange(query(ex, "version"), query(ex, "waitMs"));
                };
                case "allocations" -> report(p[1], p[2], body);
                default -> null;
            };
            if (answer == null) reply(ex, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"" + path + "\"}");
            else reply(ex, 200, json.writeValueAsString(answer));
        } catch (Exception e) {
            reply(ex, 500, "{\"title\":\"error\",\"status\":500,\"detail\":\"" + e + "\"}");
        }
    }

    /** The batch route: each start and end recorded as if it had come alone, starts first. */
    private ReportAcks reports(Reports batch) throws IOException {
        reportBatches.incrementAndGet();
        List<AllocationAck> acks = new ArrayList<>();
        for (AllocationReport r : batch.items()) {
            if (r.started() != null) report(r.allocationId(), "started", json.writeValueAsBytes(r.started()));
            if (r.exited() != null) report(r.allocationId(), "exited", json.writeValueAsBytes(r.exited()));
            acks.add(new AllocationAck(r.allocationId(), true, null));
        }
        return new ReportAcks(acks);
    }

    private Ack report(String allocationId, String what, byte[] body) throws IOException {
        switch (what) {
            case "started" -> started.put(allocationId, System.nanoTime());
            case "logs" -> {
                TreeMap<Long, LogChunk> mine = logs.computeIfAbsent(allocationId, k -> new TreeMap<>());
                synchronized (mine) {
                    for (LogChunk c : json.readValue(body, LogChunks.class).chunks()) mine.putIfAbsent(c.seq(), c);
                }
            }
            case "exited" -> {
                chunksAtExit.put(allocationId, logs.getOrDefault(allocationId, new TreeMap<>()).size());
                samplesAtExit.put(allocationId, samples.getOrDefault(allocationId, List.of()).size());
                exited.put(allocationId, json.readValue(body, JobExited.class));
            }
            case "samples" -> samples.computeIfAbsent(allocationId, k -> new ArrayList<>())
                    .addAll(json.readValue(body, GpuSamples.class).samples());
            default -> { return null; }
        }
        return new Ack(true, null);
    }

    private static long query(HttpExchange ex, String name) {
        for (String kv : ex.getRequestURI().getQuery().split("&")) {
            String[] pair = kv.split("=", 2);
            if (pair[0].equals(name)) return Long.parseLong(pair[1]);
        }
        return 0;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        synchronized (this) {
            notifyAll();
        }
        http.stop(0);
    }
}

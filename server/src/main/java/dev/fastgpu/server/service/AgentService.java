package dev.fastgpu.server.service;

import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.agent.Ack;
import dev.fastgpu.api.agent.AllocationAck;
import dev.fastgpu.api.agent.AllocationReport;
import dev.fastgpu.api.agent.Assignment;
import dev.fastgpu.api.agent.AssignmentSet;
import dev.fastgpu.api.agent.GpuInfo;
import dev.fastgpu.api.agent.GpuSamples;
import dev.fastgpu.api.agent.Heartbeat;
import dev.fastgpu.api.agent.JobExited;
import dev.fastgpu.api.agent.JobStarted;
import dev.fastgpu.api.agent.JoinRequest;
import dev.fastgpu.api.agent.JoinResponse;
import dev.fastgpu.api.agent.LogChunk;
import dev.fastgpu.api.agent.LogChunks;
import dev.fastgpu.api.agent.ReportAcks;
import dev.fastgpu.api.agent.Reports;
import dev.fastgpu.api.agent.RunningAllocation;
import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.AllocationState;
import dev.fastgpu.store.Change;
import dev.fastgpu.store.GpuSampleRecord;
import dev.fastgpu.store.LogChunkRecord;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.Store;
import dev.fastgpu.store.TokenKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/** The server side of the agent protocol (api/README.md, "Agent protocol"). */
public final class AgentService {
    private final Store store;
    private final TokenService tokens;
    private final Clock clock;
    private final AgentSettings settings;
    private final Wakeups nodeWakeups;
    private final Wakeups logWakeups;
    private final SchedulingTrigger trigger;
    private final NodeShapes shapes;
    private final AllocationReports allocationReports;
    /**
     * The spec of each live allocation's job, read and decoded once: a long-poll answer carries every
     * allocation of the node, and a node that runs many short jobs is answered after every change.
     * A job's spec never changes; entries of allocations that are no longer live are dropped.
     */
    private final Map<String, JobSpec> specs = new ConcurrentHashMap<>();

    public record Deps(Store store, TokenService tokens, Clock clock, AgentSettings settings, Wakeups nodeWakeups,
                       Wakeups logWakeups, SchedulingTrigger trigger, NodeShapes shapes) {
    }

    public AgentService(Deps d) {
        this.store = d.store();
        this.tokens = d.tokens();
        this.clock = d.clock();
        this.settings = d.settings();
        this.nodeWakeups = d.nodeWakeups();
        this.logWakeups = d.logWakeups();
        this.trigger = d.trigger();
        this.shapes = d.shapes();
        this.allocationReports = new AllocationReports(d.store());
    }

    public synchronized JoinResponse join(JoinRequest req) {
        if (req == null || req.hostname() == null || req.hostname().isBlank()) throw ApiError.invalid("join needs a hostname");
        List<Gpu> gpus = gpus(req.gpus());
        if (req.cpuMilli() < 0 || req.memoryMib() < 0) throw ApiError.invalid("cpuMilli and memoryMib must be >= 0");
        Instant now = clock.instant();
        // the node as it joins, from its record so far (null for a new node): a node joining again keeps its drain
        BiFunction<String, NodeRecord, NodeRecord> joined = (id, n) -> new NodeRecord(id, req.hostname(),
                n != null && n.drained() ? NodeState.DRAINING : NodeState.READY, n != null && n.drained(), gpus,
                req.cpuMilli(), req.memoryMib(), req.labels(), n != null ? n.joinedAt() : now, now);
        // read and written as one step, so a drain an admin sets meanwhile is not written away
        Optional<NodeRecord> rejoined = req.nodeId() == null ? Optional.empty() : store.updateNode(req.nodeId(), n -> joined.apply(n.id(), n));
        String id = rejoined.map(NodeRecord::id).orElseGet(() -> {
            String fresh = newNodeId(req.hostname());
            store.putNode(joined.apply(fresh, null));
            return fresh;
        });
        shapes.changed();
        String token = tokens.issue(TokenKind.AGENT, "system", id);
        nodeWakeups.bump(id);
        trigger.capacityChanged();
        return new JoinResponse(id, token, settings.heartbeatInterval().toMillis(), settings.nodeTimeout().toMillis(),
                settings.longPollTimeout().toMillis());
    }

    private static List<Gpu> gpus(List<GpuInfo> infos) {
        List<Gpu> out = new ArrayList<>();
        List<GpuInfo> list = infos == null ? List.of() : infos;
        for (int i = 0; i < list.size(); i++) {
            GpuInfo g = list.get(i);
            if (g.index() != i) throw ApiError.invalid("GPUs must be listed by index 0.." + (list.size() - 1) + "; position " + i + " has index " + g.index());
            if (g.model() == null || g.model().isBlank()) throw ApiError.invalid("GPU " + i + " has no model name");
            if (g.memoryMib() < 0) throw ApiError.invalid("GPU " + i + " has negative memory");
            out.add(new Gpu(g.index(), g.uuid() == null ? "GPU-" + i : g.uuid(), g.model(), g.memoryMib(), g.topologyGroup()));
        }
        return out;
    }

    private String newNodeId(String hostname) {
        String base = hostname.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        String id = base;
        for (int i = 2; store.node(id).isPresent(); i++) id = base + "-" + i;
        return id;
    }

    /** Records life, revives a DOWN node, settles allocations the agent no longer runs, answers with the full set. */
    public AssignmentSet heartbeat(Principal agent, String nodeId, Heartbeat hb) {
        ownToken(agent, nodeId); // the node itself is read (or found missing) once, by the update below
        Instant now = clock.instant();
        List<Gpu> reported = hb.gpus() != null && !hb.gpus().isEmpty() ? gpus(hb.gpus()) : null;
        NodeRecord[] before = new NodeRecord[1];
        // read and written as one step: a drain or undrain between the two would otherwise be lost
        NodeRecord updated = store.updateNode(nodeId, node -> {
            before[0] = node;
            NodeRecord u = reported == null ? node.withHeartbeat(now) : new NodeRecord(node.id(), node.hostname(), node.state(),
                    node.drained(), reported, node.cpuMilli(), node.memoryMib(), node.labels(), node.joinedAt(), now);
            return node.state() == NodeState.DOWN ? u.withState(node.drained() ? NodeState.DRAINING : NodeState.READY, node.drained()) : u;
        }).orElseThrow(() -> unknownNode(nodeId));
        NodeRecord node = before[0];
        boolean revived = node.state() == NodeState.DOWN;
        if (!updated.gpus().equals(node.gpus())) shapes.changed();
        Set<String> running = (hb.running() == null ? List.<RunningAllocation>of() : hb.running()).stream()
                .map(RunningAllocation::allocationId).collect(Collectors.toSet());
        settleNotRunning(nodeId, running, now);
        if (revived) {
            nodeWakeups.bump(nodeId);
            trigger.capacityChanged();
        }
        return assignments(nodeId);
    }

    /**
     * Allocations being stopped that the agent no longer runs are released; an active one whose
     * process vanished without an exit report (after a grace period) is lost: the job is re-queued
     * while retries remain.
     */
    private void settleNotRunning(String nodeId, Set<String> running, Instant now) {
        Duration grace = settings.heartbeatInterval().multipliedBy(2);
        Change released = new Change();
        for (AllocationRecord a : store.liveAllocations()) {
            if (!a.nodeId().equals(nodeId) || running.contains(a.id())) continue;
            if (a.state() == AllocationState.RELEASING) {
                released.allocation(a.withState(AllocationState.RELEASED, now));
            } else if (a.startedAt() != null && a.startedAt().plus(grace).isBefore(now)) {
                exited(nodeId, a.id(), JobExited.lost("the agent no longer runs it and sent no exit status", now));
            }
        }
        if (released.isEmpty()) return;
        store.commit(released); // all of this node's releases in one commit
        trigger.capacityChanged();
    }

    /** Long poll: the set as soon as its version differs from {@code known}, or after the wait. */
    public AssignmentSet awaitAssignments(Principal agent, String nodeId, long known, Duration wait) throws InterruptedException {
        ownNode(agent, nodeId);
        Duration capped = wait.compareTo(settings.longPollTimeout()) > 0 ? settings.longPollTimeout() : wait;
        if (capped.isNegative()) capped = Duration.ZERO;
        nodeWakeups.await(nodeId, known, capped);
        return assignments(nodeId);
    }

    AssignmentSet assignments(String nodeId) {
        long version = nodeWakeups.version(nodeId);
        NodeRecord node = store.node(nodeId).orElseThrow();
        List<Assignment> list = new ArrayList<>();
        List<AllocationRecord> live = store.liveAllocations();
        for (AllocationRecord a : live) {
            if (!a.nodeId().equals(nodeId) || a.state() != AllocationState.ACTIVE) continue;
            JobSpec spec = specs.computeIfAbsent(a.id(), id -> Views.spec(store.job(a.jobId()).orElseThrow()));
            List<String> uuids = a.gpuIndices().stream().map(i -> i < node.gpus().size() ? node.gpus().get(i).uuid() : null).toList();
            list.add(new Assignment(a.id(), a.jobId(), a.attempt(), spec.command(), spec.workdir(), spec.env(), a.gpuIndices(), uuids,
                    a.milliPerGpu(), a.cpuMilli(), a.memoryMib(), spec.timeLimitSeconds()));
        }
        if (specs.size() > live.size()) { // forget allocations that ended (a miss later only costs a read)
            Set<String> ids = live.stream().map(AllocationRecord::id).collect(Collectors.toSet());
            specs.keySet().retainAll(ids);
        }
        return new AssignmentSet(nodeId, version, node.state(), list);
    }

    public Ack started(Principal agent, String allocationId, JobStarted report) {
        AllocationRecord a = ownAllocation(agent, allocationId);
        return single(a.nodeId(), new AllocationReport(allocationId, report == null ? new JobStarted(null, null) : report, null));
    }

    public Ack exited(Principal agent, String allocationId, JobExited report) {
        AllocationRecord a = ownAllocation(agent, allocationId);
        return exited(a.nodeId(), allocationId, report == null ? new JobExited(null, null, null, null) : report);
    }

    private Ack exited(String nodeId, String allocationId, JobExited report) {
        return single(nodeId, new AllocationReport(allocationId, null, report));
    }

    private Ack single(String nodeId, AllocationReport report) {
        AllocationAck ack = report(nodeId, List.of(report)).getFirst();
        return new Ack(ack.accepted(), ack.message());
    }

    /** Starts and ends of many of the node's allocations, committed together; one ack per item. */
    public ReportAcks reports(Principal agent, String nodeId, Reports reports) {
        ownNode(agent, nodeId);
        List<AllocationReport> items = reports == null || reports.items() == null ? List.of() : reports.items();
        return new ReportAcks(report(nodeId, items));
    }

    private List<AllocationAck> report(String nodeId, List<AllocationReport> items) {
        if (items.isEmpty()) return List.of();
        AllocationReports.Outcome out = allocationReports.apply(nodeId, items, clock.instant());
        out.endedJobs().forEach(logWakeups::bump);
        if (!out.endedJobs().isEmpty()) trigger.capacityChanged();
        return out.acks();
    }

    public Ack logs(Principal agent, String allocationId, LogChunks chunks) {
        AllocationRecord a = ownAllocation(agent, allocationId);
        List<LogChunkRecord> rows = new ArrayList<>();
        for (LogChunk c : chunks == null || chunks.chunks() == null ? List.<LogChunk>of() : chunks.chunks()) {
            if (c.seq() < 0) throw ApiError.invalid("log chunk seq must be >= 0, got " + c.seq());
            String stream = c.stream() == null ? "stdout" : c.stream();
            if (!stream.equals("stdout") && !stream.equals("stderr")) throw ApiError.invalid("log stream must be stdout or stderr, got " + stream);
            rows.add(new LogChunkRecord(a.jobId(), a.id(), c.seq(), stream, c.data() == null ? "" : c.data(), 0));
        }
        if (store.appendLogs(rows) > 0) logWakeups.bump(a.jobId());
        return new Ack(a.state() != AllocationState.RELEASED, null);
    }

    public Ack samples(Principal agent, String allocationId, GpuSamples samples) {
        AllocationRecord a = ownAllocation(agent, allocationId);
        Instant now = clock.instant();
        List<GpuSampleRecord> rows = (samples == null || samples.samples() == null ? List.<dev.fastgpu.api.agent.GpuSample>of() : samples.samples())
                .stream().map(s -> new GpuSampleRecord(a.jobId(), a.id(), s.at() == null ? now : s.at(), s.gpuIndex(),
                        s.utilPercent(), s.memoryUsedMib(), s.powerWatts())).toList();
        store.appendSamples(rows);
        return new Ack(a.state() != AllocationState.RELEASED, null);
    }

    /** The agent's token is bound to this node, and the node exists. */
    private void ownNode(Principal agent, String nodeId) {
        ownToken(agent, nodeId);
        if (store.node(nodeId).isEmpty()) throw unknownNode(nodeId);
    }

    private static void ownToken(Principal agent, String nodeId) {
        if (!nodeId.equals(agent.nodeId())) {
            throw ApiError.forbidden("this agent token belongs to node " + agent.nodeId() + ", not " + nodeId);
        }
    }

    private static ApiError unknownNode(String nodeId) {
        return ApiError.notFound("node " + nodeId + " is unknown; join again");
    }

    private AllocationRecord ownAllocation(Principal agent, String allocationId) {
        AllocationRecord a = store.allocation(allocationId)
                .orElseThrow(() -> ApiError.notFound("allocation " + allocationId + " is unknown; stop its process"));
        if (!a.nodeId().equals(agent.nodeId())) {
            throw ApiError.forbidden("allocation " + allocationId + " belongs to node " + a.nodeId() + ", not " + agent.nodeId());
        }
        return a;
    }
}

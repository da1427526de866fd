package dev.fastgpu.server.http;

import dev.fastgpu.api.GpuSampleList;
import dev.fastgpu.api.Health;
import dev.fastgpu.api.JobEventList;
import dev.fastgpu.api.JobPage;
import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.NodeList;
import dev.fastgpu.api.NodeView;
import dev.fastgpu.api.PlanView;
import dev.fastgpu.api.TokenCreated;
import dev.fastgpu.api.TokenRequest;
import dev.fastgpu.api.WhoAmI;
import dev.fastgpu.api.agent.Ack;
import dev.fastgpu.api.agent.AssignmentSet;
import dev.fastgpu.api.agent.GpuSample;
import dev.fastgpu.api.agent.GpuSamples;
import dev.fastgpu.api.agent.Heartbeat;
import dev.fastgpu.api.agent.JobExited;
import dev.fastgpu.api.agent.JobStarted;
import dev.fastgpu.api.agent.JoinRequest;
import dev.fastgpu.api.agent.JoinResponse;
import dev.fastgpu.api.agent.LogChunks;
import dev.fastgpu.api.agent.ReportAcks;
import dev.fastgpu.api.agent.Reports;
import dev.fastgpu.model.JobState;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.server.service.ApiError;
import dev.fastgpu.server.service.JobService;
import dev.fastgpu.server.service.Principal;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.GpuSampleRecord;
import dev.fastgpu.store.TokenKind;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.fastgpu.store.TokenKind.ADMIN;
import static dev.fastgpu.store.TokenKind.AGENT;
import static dev.fastgpu.store.TokenKind.JOIN;
import static dev.fastgpu.store.TokenKind.USER;

/** The route table of the API: every route in one list, each handler a few lines (parse, call, serialise). */
final class ApiRoutes {
    static final String V1 = "/api/v1";
    static final Set<TokenKind> PEOPLE = EnumSet.of(ADMIN, USER);
    private static final Set<TokenKind> ADMINS = EnumSet.of(ADMIN);
    private static final Set<TokenKind> AGENTS = EnumSet.of(AGENT);
    private static final Set<TokenKind> JOINERS = EnumSet.of(JOIN);
    private static final Set<TokenKind> ANY_BUT_JOIN = EnumSet.of(ADMIN, USER, AGENT);

    private final Services s;

    ApiRoutes(Services s) {
        this.s = s;
    }

    List<Route> all() {
        return List.of(
                new Route("POST", V1 + "/jobs", PEOPLE, "Submit a job (JSON, or YAML with Content-Type application/yaml); header Idempotency-Key makes repeats safe", JobSpec.class, JobView.class, 201, this::submit),
                new Route("GET", V1 + "/jobs", PEOPLE, "List jobs, newest first; filters state (comma-separated), user, name, project; cursor pagination with limit and cursor", null, JobPage.class, 200, this::list),
                new Route("GET", V1 + "/jobs/{id}", PEOPLE, "Get a job with its allocations, usage and cost", null, JobView.class, 200,
                        (ctx, who) -> ctx.json(s.jobs().get(ctx.pathParam("id")))),
                new Route("POST", V1 + "/jobs/{id}/cancel", PEOPLE, "Cancel a job", null, JobView.class, 200,
                        (ctx, who) -> ctx.json(s.jobs().cancel(who, ctx.pathParam("id")))),
                new Route("GET", V1 + "/jobs/{id}/events", PEOPLE, "A job's state transitions with times and reasons", null, JobEventList.class, 200,
                        (ctx, who) -> ctx.json(s.jobs().events(ctx.pathParam("id")))),
                new Route("GET", V1 + "/jobs/{id}/logs", PEOPLE, "A job's output as text/plain; tail=N for the last N lines; follow=true streams until the job ends", null, String.class, 200, this::logs),
                new Route("GET", V1 + "/jobs/{id}/samples", PEOPLE, "A job's GPU utilisation, memory and power samples", null, GpuSampleList.class, 200, this::samples),
                new Route("POST", V1 + "/plan", PEOPLE, "Dry run: where a spec would be placed now, or why it would wait; nothing is stored", JobSpec.class, PlanView.class, 200,
                        (ctx, who) -> ctx.json(s.plans().preview(who.user(), Body.spec(ctx)))),
                new Route("GET", V1 + "/nodes", PEOPLE, "List nodes with their GPUs and the jobs on them", null, NodeList.class, 200,
                        (ctx, who) -> ctx.json(s.nodes().list())),
                new Route("GET", V1 + "/nodes/{id}", PEOPLE, "Get a node", null, NodeView.class, 200,
                        (ctx, who) -> ctx.json(s.nodes().get(ctx.pathParam("id")))),
                new Route("POST", V1 + "/nodes/{id}/drain", ADMINS, "Stop placing new jobs on a node (running jobs continue)", null, NodeView.class, 200,
                        (ctx, who) -> ctx.json(s.nodes().drain(who, ctx.pathParam("id")))),
                new Route("POST", V1 + "/nodes/{id}/undrain", ADMINS, "Let a drained node take jobs again", null, NodeView.class, 200,
                        (ctx, who) -> ctx.json(s.nodes().undrain(who, ctx.pathParam("id")))),
                new Route("GET", V1 + "/health", ANY_BUT_JOIN, "Liveness and a summary", null, Health.class, 200, this::health),
                new Route("GET", V1 + "/whoami", EnumSet.allOf(TokenKind.class), "The caller behind the token", null, WhoAmI.class, 200,
                        (ctx, who) -> ctx.json(new WhoAmI(who.user(), who.kind().name(), JobService.DEFAULT_PROJECT))),
                new Route("POST", V1 + "/tokens", ADMINS, "Create a token for a user (shown once)", TokenRequest.class, TokenCreated.class, 201, this::createToken),
                new Route("POST", V1 + "/agent/join", JOINERS, "Agent: join with the join token; returns a node id and an agent token", JoinRequest.class, JoinResponse.class, 200,
                        (ctx, who) -> ctx.json(s.agents().join(Body.json(ctx, JoinRequest.class)))),
                new Route("POST", V1 + "/agent/nodes/{id}/heartbeat", AGENTS, "Agent: heartbeat with what runs; returns the full assignment set", Heartbeat.class, AssignmentSet.class, 200,
                        (ctx, who) -> ctx.json(s.agents().heartbeat(who, ctx.pathParam("id"), Body.json(ctx, Heartbeat.class)))),
                new Route("GET", V1 + "/agent/nodes/{id}/assignments", AGENTS, "Agent: long poll; returns when the set's version differs from 'version' or after 'waitMs'", null, AssignmentSet.class, 200, this::assignments),
                new Route("POST", V1 + "/agent/nodes/{id}/reports", AGENTS, "Agent: starts and ends of many allocations, committed together; one ack per item", Reports.class, ReportAcks.class, 200,
                        (ctx, who) -> ctx.json(s.agents().reports(who, ctx.pathParam("id"), Body.json(ctx, Reports.class)))),
                new Route("POST", V1 + "/agent/allocations/{id}/started", AGENTS, "Agent: the process of an allocation started", JobStarted.class, Ack.class, 200,
                        (ctx, who) -> ctx.json(s.agents().started(who, ctx.pathParam("id"), Body.json(ctx, JobStarted.class)))),
                new Route("POST", V1 + "/agent/allocations/{id}/exited", AGENTS, "Agent: the process of an allocation ended", JobExited.class, Ack.class, 200,
                        (ctx, who) -> ctx.json(s.agents().exited(who, ctx.pathParam("id"), Body.json(ctx, JobExited.class)))),
                new Route("POST", V1 + "/agent/allocations/{id}/logs", AGENTS, "Agent: ordered log chunks (resending a seq is harmless)", LogChunks.class, Ack.class, 200,
                        (ctx, who) -> ctx.json(s.agents().logs(who, ctx.pathParam("id"), Body.json(ctx, LogChunks.class)))),
                new Route("POST", V1 + "/agent/allocations/{id}/samples", AGENTS, "Agent: GPU samples of an allocation", GpuSamples.class, Ack.class, 200,
                        (ctx, who) -> ctx.json(s.agents().samples(who, ctx.pathParam("id"), Body.json(ctx, GpuSamples.class)))),
                new Route("GET", "/metrics", ANY_BUT_JOIN, "Prometheus metrics", null, String.class, 200,
                        (ctx, who) -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics().scrape())));
    }

    private void submit(Context ctx, Principal who) throws java.io.IOException {
        JobService.Submitted r = s.jobs().submit(who, Body.spec(ctx), ctx.header("Idempotency-Key"));
        Reply.job(ctx, r.created() ? 201 : 200, r.job(), r.specJson());
    }

    private void list(Context ctx, Principal who) {
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        String st = ctx.queryParam("state");
        if (st != null && !st.isBlank()) {
            for (String part : st.split(",")) {
                try {
                    states.add(JobState.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiError.invalid("unknown state '" + part.trim() + "'; use one or more of " + List.of(JobState.values()));
                }
            }
        }
        JobQuery q = new JobQuery(states, ctx.queryParam("user"), ctx.queryParam("name"), ctx.queryParam("project"),
                intParam(ctx, "limit"), ctx.queryParam("cursor"));
        ctx.json(s.jobs().list(q));
    }

    private void logs(Context ctx, Principal who) throws Exception {
        String id = ctx.pathParam("id");
        Integer tail = intParam(ctx, "tail");
        ctx.contentType("text/plain; charset=utf-8");
        if ("true".equalsIgnoreCase(ctx.queryParam("follow"))) {
            s.jobs().get(id); // 404 before the stream starts
            ctx.status(200);
            s.logs().follow(id, tail, ctx.res().getOutputStream());
        } else {
            ctx.result(s.logs().read(id, tail));
        }
    }

    private void samples(Context ctx, Principal who) {
        String id = ctx.pathParam("id");
        s.jobs().get(id);
        List<GpuSample> items = s.store().samples(id).stream().map((GpuSampleRecord r) -> new GpuSample(r.at(), r.gpuIndex(),
                r.utilPercent(), r.memoryUsedMib(), r.powerWatts())).toList();
        ctx.json(new GpuSampleList(id, items));
    }

    private void health(Context ctx, Principal who) {
        int ready = (int) s.store().nodes().stream().filter(n -> n.state() == NodeState.READY).count();
        int queued = s.store().jobsInStates(Set.of(JobState.QUEUED)).size();
        int running = (int) s.store().liveAllocations().stream().map(AllocationRecord::jobId).distinct().count();
        ctx.json(new Health("ok", s.version(), s.clock().instant(), ready, queued, running));
    }

    private void createToken(Context ctx, Principal who) {
        TokenRequest req = Body.json(ctx, TokenRequest.class);
        if (req.user() == null || !req.user().matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")) {
            throw ApiError.invalid("user must be 1-100 characters of letters, digits, '.', '_', '@' or '-'");
        }
        TokenKind kind = req.admin() ? ADMIN : USER;
        String secret = s.tokens().issue(kind, req.user(), null);
        ctx.status(201).json(new TokenCreated(req.user(), kind.name(), secret));
    }

    private void assignments(Context ctx, Principal who) throws InterruptedException {
        Long version = longParam(ctx, "version");
        Long wait = longParam(ctx, "waitMs");
        ctx.json(s.agents().awaitAssignments(who, ctx.pathParam("id"), version == null ? -1 : version,
                Duration.ofMillis(wait == null ? 0 : Math.max(0, wait))));
    }

    private static Integer intParam(Context ctx, String name) {
        Long v = longParam(ctx, name);
        return v == null ? null : Math.toIntExact(Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
    }

    private static Long longParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("query parameter " + name + " must be a whole number, got '" + v + "'");
        }
    }
}

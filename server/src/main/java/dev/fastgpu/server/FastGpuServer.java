package dev.fastgpu.server;

import dev.fastgpu.model.DirectoryLock;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.server.http.HttpApi;
import dev.fastgpu.server.http.Services;
import dev.fastgpu.server.scheduling.NodeMonitor;
import dev.fastgpu.server.scheduling.PlanPreview;
import dev.fastgpu.server.scheduling.SchedulingLoop;
import dev.fastgpu.server.service.AgentService;
import dev.fastgpu.server.service.AgentSettings;
import dev.fastgpu.server.service.GroupCommit;
import dev.fastgpu.server.service.JobService;
import dev.fastgpu.server.service.LogService;
import dev.fastgpu.server.service.Metering;
import dev.fastgpu.server.service.NodeService;
import dev.fastgpu.server.service.NodeShapes;
import dev.fastgpu.server.service.TokenService;
import dev.fastgpu.server.service.Views;
import dev.fastgpu.server.service.Wakeups;
import dev.fastgpu.store.Store;
import dev.fastgpu.store.TokenKind;
import dev.fastgpu.store.jdbc.JdbcStore;
import dev.fastgpu.store.memory.InMemoryStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The control plane in one object, for {@code fastgpu server}, {@code fastgpu up} and tests:
 * {@code new FastGpuServer(config).start()}, then {@link #port()}, {@link #adminToken()},
 * {@link #joinToken()}; {@link #stop()} (or close) releases the port and the database.
 */
public final class FastGpuServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(FastGpuServer.class);
    private static final String ADMIN_USER = "admin";
    /** Submissions stored per transaction at most: large enough to absorb any burst, small enough to keep one commit short. */
    private static final int MAX_SUBMISSION_BATCH = 1024;

    private final ServerConfig config;
    private final Clock clock;
    private Store store;
    private HttpApi http;
    private SchedulingLoop loop;
    private GroupCommit submissions;
    private NodeMonitor monitor;
    private ScheduledExecutorService timers;
    private String adminToken;
    private String joinToken;
    /** Keeps a second server off this data directory while this one runs (null for the in-memory store). */
    private DirectoryLock dataLock;

    /**
     * The server's clock ticks in milliseconds, the precision the store keeps: an answer then shows the
     * times a later read returns (a submission answered "…:54.594502450Z" and was read back as "…:54.594Z").
     */
    public FastGpuServer(ServerConfig config) {
        this(config, Clock.tickMillis(java.time.ZoneOffset.UTC));
    }

    public FastGpuServer(ServerConfig config, Clock clock) {
        this.config = config.validated();
        this.clock = clock;
    }

    public synchronized FastGpuServer start() {
        if (http != null) throw new IllegalStateException("already started");
        store = openStore();
        try {
            wire();
        } catch (RuntimeException e) {
            stop();
            if (causedByBind(e)) {
                throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port()
                        + ": the port is in use (another FastGPU, or another program); choose a free one with --port P"
                        + " (0 picks any free port)", e);
            }
            throw e;
        }
        return this;
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) return true;
        }
        return false;
    }

    private Store openStore() {
        if (config.store().equalsIgnoreCase("memory")) return new InMemoryStore();
        try {
            Files.createDirectories(config.dataDir());
            dataLock = DirectoryLock.acquire(config.dataDir(), "FastGPU server");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        return JdbcStore.sqlite(config.dataDir().resolve("fastgpu.db"));
    }

    private void wire() {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Wakeups nodeWakeups = new Wakeups(clock.millis() * 1000);
        Wakeups logWakeups = new Wakeups(0);
        TokenService tokens = new TokenService(store, clock);
        bootstrap(tokens);
        Metering metering = new Metering(config.prices());
        Scheduler scheduler = new Scheduler(config.scheduler());
        NodeShapes shapes = new NodeShapes(store);
        loop = new SchedulingLoop(store, scheduler, clock, config.schedulePeriod(), nodeWakeups, shapes, metrics);
        Views views = new Views(store, metering, clock, loop.queue());
        AgentSettings agentSettings = new AgentSettings(config.heartbeatInterval(), config.nodeTimeout(), config.longPollTimeout());
        submissions = new GroupCommit(store, MAX_SUBMISSION_BATCH);
        JobService jobs = new JobService(new JobService.Deps(store, views, clock, loop, nodeWakeups, submissions, shapes));
        AgentService agents = new AgentService(new AgentService.Deps(store, tokens, clock, agentSettings, nodeWakeups, logWakeups,
                loop, shapes));
        Services services = new Services(jobs, new NodeService(store, views, loop, nodeWakeups), agents,
                new LogService(store, logWakeups), new PlanPreview(store, scheduler, clock, config.prices()), tokens, store,
                metrics, clock, VERSION);
        registerGauges(metrics);
        monitor = new NodeMonitor(store, clock, config.nodeTimeout(), nodeWakeups, loop);
        http = new HttpApi(services);
        http.start(config.host(), config.port());
        loop.start();
        timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("fastgpu-node-monitor").daemon().unstarted(r));
        long every = Math.max(50, config.nodeTimeout().toMillis() / 4);
        timers.scheduleWithFixedDelay(this::checkNodes, every, every, TimeUnit.MILLISECONDS);
        loop.wake();
        LOG.info("FastGPU server {} listening on http://{}:{} (data: {})", VERSION, config.host(), http.port(),
                config.store().equalsIgnoreCase("memory") ? "in memory" : config.dataDir());
    }

    private void checkNodes() {
        try {
            monitor.run();
        } catch (RuntimeException e) {
            LOG.error("node check failed", e);
        }
    }

    /** First start: the admin user, the default project, an admin token (printed once) and a join token. */
    private void bootstrap(TokenService tokens) {
        store.ensureUser(ADMIN_USER);
        store.ensureUser("system");
        store.ensureProject(JobService.DEFAULT_PROJECT);
        if (!tokens.exists(TokenKind.ADMIN)) {
            if (config.initialAdminToken() != null) {
                tokens.register(TokenKind.ADMIN, ADMIN_USER, null, config.initialAdminToken());
                adminToken = config.initialAdminToken();
            } else {
                adminToken = tokens.issue(TokenKind.ADMIN, ADMIN_USER, null);
            }
        }
        Path joinFile = config.dataDir().resolve("join-token");
        boolean persistent = !config.store().equalsIgnoreCase("memory");
        if (tokens.exists(TokenKind.JOIN) && persistent && Files.exists(joinFile)) {
            joinToken = read(joinFile);
        } else if (!tokens.exists(TokenKind.JOIN)) {
            joinToken = tokens.issue(TokenKind.JOIN, "system", null);
            if (persistent) write(joinFile, joinToken);
        }
    }

    private void registerGauges(PrometheusMeterRegistry metrics) {
        if (store instanceof JdbcStore jdbc) {
            FunctionCounter.builder("fastgpu.store.commits", jdbc, JdbcStore::commits)
                    .description("write transactions committed (each one synced to disk)").register(metrics);
        }
        GroupCommit g = submissions;
        FunctionCounter.builder("fastgpu.submit.batches", g, GroupCommit::batches)
                .description("group commits of submissions (one transaction each)").register(metrics);
        FunctionCounter.builder("fastgpu.submit.jobs", g, GroupCommit::jobs)
                .description("submissions handed to the group commit").register(metrics);
        for (dev.fastgpu.model.JobState s : dev.fastgpu.model.JobState.values()) {
            if (s.isTerminal()) continue;
            Gauge.builder("fastgpu.jobs", store, st -> st.jobsInStates(java.util.Set.of(s)).size()).tag("state", s.name())
                    .description("jobs by state").register(metrics);
        }
        for (dev.fastgpu.model.NodeState s : dev.fastgpu.model.NodeState.values()) {
            Gauge.builder("fastgpu.nodes", store, st -> st.nodes().stream().filter(n -> n.state() == s).count()).tag("state", s.name())
                    .description("nodes by state").register(metrics);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The join token goes to a file only the server's user can read, so more nodes can join later. */
    private static void write(Path file, String secret) {
        try {
            Files.writeString(file, secret + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the directory's permissions apply
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized void stop() {
        if (timers != null) timers.shutdownNow();
        if (loop != null) loop.stop();
        if (http != null) http.stop();
        if (submissions != null) submissions.close();
        if (store != null) store.close();
        if (dataLock != null) dataLock.close();
        dataLock = null;
        timers = null;
        loop = null;
        http = null;
        submissions = null;
        store = null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return http.port();
    }

    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port();
    }

    /** The admin token created by this start, or null when the data directory already had one (only its hash is kept). */
    public String adminToken() {
        return adminToken;
    }

    /** The join token agents use; read back from {@code <dataDir>/join-token} after a restart. */
    public String joinToken() {
        return joinToken;
    }

    public ServerConfig config() {
        return config;
    }

    /** Runs one scheduling pass now (tools, tests); the loop also runs them on its own. */
    public void schedulePass() {
        loop.runOnce();
    }

    /** Runs one node-liveness check now. */
    public void checkNodesNow() {
        monitor.run();
    }

    /** How long the loop waits at most between passes. */
    public Duration schedulePeriod() {
        return config.schedulePeriod();
    }
}

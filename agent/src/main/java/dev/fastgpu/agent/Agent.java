package dev.fastgpu.agent;

import dev.fastgpu.agent.exec.JobRunner;
import dev.fastgpu.agent.gpu.GpuSampler;
import dev.fastgpu.agent.reconcile.Reconciler;
import dev.fastgpu.agent.reconcile.TrackedAllocation;
import dev.fastgpu.api.agent.AssignmentSet;
import dev.fastgpu.api.agent.GpuInfo;
import dev.fastgpu.api.agent.Heartbeat;
import dev.fastgpu.api.agent.JoinRequest;
import dev.fastgpu.api.agent.JoinResponse;
import dev.fastgpu.api.agent.RunningAllocation;
import dev.fastgpu.api.client.ApiException;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.model.DirectoryLock;
import dev.fastgpu.model.Gpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One agent on one machine.
 * <pre>
 *   start(): GPUs (declared | nvidia-smi) -> join -> three loops
 *     poll loop      : long-poll assignments -> reconcile           (changes arrive at once)
 *     heartbeat loop : heartbeat(running)    -> reconcile if newer  (proof of life, fallback)
 *     report loop    : started / logs / exited / samples            (woken by job start and exit)
 * </pre>
 */
public final class Agent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Agent.class.getName());
    static final String VERSION = "0.1.0";

    private final AgentConfig config;
    private final FastGpuClient joinClient;
    private final Clock clock = Clock.systemUTC();
    private final FailureLog pollFailures = FailureLog.of("long poll", LOG, clock);
    private final FailureLog heartbeatFailures = FailureLog.of("heartbeat", LOG, clock);
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, Thread.ofPlatform().daemon().name("agent-timer").factory());
    private final Semaphore wake = new Semaphore(0);
    private final Reconciler reconciler;
    private volatile GpuInventory inventory;
    private volatile FastGpuClient client;
    private volatile JoinResponse joined;
    private volatile boolean running;
    private long appliedVersion = Long.MIN_VALUE;
    private List<Thread> loops = List.of();
    /** Reports while the agent runs, and once more when it closes (so it knows which GPU spans were sent). */
    private volatile Reporter reporter;
    private final JobRunner runner;
    /** Keeps a second agent off this data directory while this one runs. */
    private DirectoryLock dataLock;

    public Agent(AgentConfig config) {
        this.config = config;
        this.joinClient = new FastGpuClient(config.serverUrl(), config.joinToken());
        this.runner = new JobRunner(config.dataDir(), config.nodeName(), config.stopGrace(), timer, clock);
        this.reconciler = new Reconciler(runner, clock, AgentConfig.MAX_CHUNK_BYTES, wake::release);
    }

    /**
     * Stops what an earlier agent process left running here, finds the GPUs, joins the server and
     * starts the loops. Throws with a clear message when joining fails.
     */
    public Agent start() throws IOException {
        Files.createDirectories(config.dataDir());
        dataLock = DirectoryLock.acquire(config.dataDir(), "FastGPU agent"); // its jobs would look like leftovers
        try {
            for (Path left : runner.stopLeftovers()) {
                LOG.log(System.Logger.Level.WARNING, "killed the processes of " + left.getFileName()
                        + ", left running by an earlier agent process; the server runs such a job again");
            }
            inventory = GpuInventory.resolve(config);
            join();
        } catch (IOException | RuntimeException e) {
            dataLock.close(); // nothing runs yet: another agent may have the directory
            dataLock = null;
            joinClient.close();
            throw e;
        }
        running = true;
        Reporter reporter = new Reporter(reconciler, () -> client, () -> joined.nodeId(), inventory.sampler(), config.sampleInterval(), clock);
        this.reporter = reporter;
        loops = List.of(
                Thread.ofPlatform().daemon().name("agent-poll").start(this::pollLoop),
                Thread.ofPlatform().daemon().name("agent-heartbeat").start(this::heartbeatLoop),
                Thread.ofPlatform().daemon().name("agent-report").start(() -> reportLoop(reporter)));
        LOG.log(System.Logger.Level.INFO, "agent " + joined.nodeId() + " joined " + config.serverUrl() + " with "
                + inventory.gpus().size() + " GPUs (" + inventory.source() + ")");
        return this;
    }

    public String nodeId() {
        return joined.nodeId();
    }

    /** Allocations whose process runs now. */
    Set<String> runningIds() {
        return reconciler.running().stream().map(TrackedAllocation::allocationId).collect(Collectors.toSet());
    }

    /** Allocations whose end the server has not heard yet (what the heartbeats list). */
    Set<String> unreportedIds() {
        return reconciler.unreported().stream().map(TrackedAllocation::allocationId).collect(Collectors.toSet());
    }

    public List<Gpu> gpus() {
        return inventory.gpus();
    }

    private void join() {
        Path idFile = config.dataDir().resolve("node-id");
        String previous = null;
        try {
            if (Files.exists(idFile)) previous = Files.readString(idFile).strip();
        } catch (IOException ignored) {
            // no remembered id: join as a new node
        }
        List<GpuInfo> gpus = inventory.gpus().stream()
                .map(g -> new GpuInfo(g.index(), g.uuid(), g.model(), g.memoryMib(), g.topologyGroup())).toList();
        JoinResponse r;
        try {
            r = joinClient.join(new JoinRequest(previous == null || previous.isEmpty() ? null : previous,
                    config.nodeName(), gpus, Runtime.getRuntime().availableProcessors() * 1000L, hostMemoryMib(),
                    config.labels(), VERSION));
        } catch (ApiException e) {
            throw new IllegalStateException("the server at " + config.serverUrl() + " refused to let this agent join ("
                    + e.status() + "): " + e.getMessage() + (e.status() == 401 || e.status() == 403
                    ? "; check the join token (the server prints it at start)" : ""), e);
        }
        joined = r;
        client = joinClient.withToken(r.agentToken());
        try {
            Files.writeString(idFile, r.nodeId());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remember the node id in " + idFile + ": " + e.getMessage());
        }
    }

    private void pollLoop() {
        long version = -1;
        Duration wait = Duration.ofMillis(Math.clamp(joined.longPollTimeoutMs(), 1000, 60_000));
        while (running) {
            try {
                AssignmentSet set = client.assignments(joined.nodeId(), version, wait);
                pollFailures.succeeded();
                apply(set, true, version);
                version = set.version();
            } catch (RuntimeException e) {
                if (!running) return;
                version = -1;
                recover(e, pollFailures);
            }
        }
    }

    private void heartbeatLoop() {
        long interval = Math.clamp(joined.heartbeatIntervalMs(), 100, 60_000);
        while (running) {
            try {
                // Everything whose end the server has not heard yet, ended or not: the server takes an
                // allocation missing here for a vanished process and runs its job again.
                List<RunningAllocation> held = reconciler.unreported().stream()
                        .map(t -> new RunningAllocation(t.allocationId(), t.launch().jobId(), t.job().map(j -> j.pid()).orElse(null)))
                        .toList();
                AssignmentSet set = client.heartbeat(new Heartbeat(joined.nodeId(), held, null));
                heartbeatFailures.succeeded();
                apply(set, false, Long.MIN_VALUE);
            } catch (RuntimeException e) {
                if (!running) return;
                recover(e, heartbeatFailures);
            }
            if (!sleep(interval)) return;
        }
    }

    /** Reports every interval or when woken; after a failed round, waits 2x longer each time (up to 1 s), woken or not. */
    private void reportLoop(Reporter reporter) {
        long interval = config.reportInterval().toMillis();
        long backoff = 0;
        while (running) {
            try {
                if (backoff > 0) Thread.sleep(backoff);
                else wake.tryAcquire(interval, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            boolean ok = reporter.run();
            backoff = ok ? 0 : Math.min(Math.max(1000, interval), Math.max(interval, backoff * 2));
        }
    }

    /**
     * Applies a set if it is not older than the last one applied, so a slow heartbeat answer cannot undo
     * a newer long-poll answer. A long-poll answer older than the version it asked about means the
     * server started over; it is applied too.
     */
    private synchronized void apply(AssignmentSet set, boolean fromPoll, long askedVersion) {
        boolean newer = set.version() > appliedVersion || (fromPoll && set.version() == appliedVersion);
        boolean serverReset = fromPoll && askedVersion >= 0 && set.version() < askedVersion;
        if (!newer && !serverReset) return;
        appliedVersion = set.version();
        reconciler.reconcile(AssignmentMapping.toLaunches(set.assignments()));
        wake.release();
    }

    /** A 401/403/404 means the server forgot this node or its token: join again. Anything else: back off. */
    private synchronized void recover(RuntimeException e, FailureLog failures) {
        failures.failed(e.getMessage());
        if (e instanceof ApiException api && (api.status() == 401 || api.status() == 403 || api.status() == 404)) {
            try {
                join();
                return;
            } catch (RuntimeException again) {
                LOG.log(System.Logger.Level.WARNING, "rejoining failed: " + again.getMessage());
            }
        }
        sleep(1000);
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long hostMemoryMib() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return 0;
    }

    /**
     * Stops the loops and every job (SIGTERM, then SIGKILL after the grace period), reporting what it
     * can: each stopped job's output, its last GPU span (from the readings taken before the nvidia-smi
     * loop was stopped) and its end.
     */
    @Override
    public void close() {
        running = false;
        loops.forEach(Thread::interrupt);
        if (inventory != null) inventory.sampler().ifPresent(GpuSampler::close); // its nvidia-smi loop
        reconciler.stopAll();
        for (Thread t : loops) {
            try {
                t.join(300); // a long poll may not notice the interrupt; the loops are daemons and reports are idempotent
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + config.stopGrace().plusSeconds(2).toNanos();
        for (TrackedAllocation t : reconciler.tracked()) {
            t.job().ifPresent(j -> {
                try {
                    j.outcome().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception ignored) {
                    // reported as far as possible below
                }
            });
        }
        if (reporter != null) reporter.run();
        timer.shutdownNow();
        joinClient.close(); // and the agent client made from it: they share one transport
        if (dataLock != null) dataLock.close();
    }
}

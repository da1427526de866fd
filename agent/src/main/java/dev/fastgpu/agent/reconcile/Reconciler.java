package dev.fastgpu.agent.reconcile;

import dev.fastgpu.agent.exec.JobLaunch;
import dev.fastgpu.agent.exec.JobOutcome;
import dev.fastgpu.agent.exec.JobRunner;
import dev.fastgpu.agent.exec.JobWorkspace;
import dev.fastgpu.agent.exec.RunningJob;
import dev.fastgpu.agent.logs.LogShipper;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes the node run exactly the desired allocations: starts what is desired and was never started,
 * stops what runs and is no longer desired. Level-triggered: calling it twice with the same set does
 * nothing the second time, and any set can follow any other.
 *
 * <p>An allocation id is started at most once in this agent's life; one whose workspace already
 * exists was started by an earlier agent process, so its orphaned process group is killed and the
 * allocation reported as lost (the server re-queues the job while retries remain) rather than run twice.
 */
public final class Reconciler {
    private final JobRunner runner;
    private final Clock clock;
    private final int maxChunkBytes;
    private final Runnable onChange;
    /** Starts several new allocations at once: a process start mostly waits (exec, disk), so starts overlap well. */
    private final ExecutorService starter = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("agent-start-", 0).factory());
    private final Map<String, TrackedAllocation> tracked = new LinkedHashMap<>();
    /** What {@link #tracked} holds, republished after every change, so readers never wait for a reconcile that is starting processes. */
    private volatile List<TrackedAllocation> published = List.of();

    /** @param onChange called when a job starts or ends, so reports go out at once */
    public Reconciler(JobRunner runner, Clock clock, int maxChunkBytes, Runnable onChange) {
        this.runner = runner;
        this.clock = clock;
        this.maxChunkBytes = maxChunkBytes;
        this.onChange = onChange;
    }

    public synchronized void reconcile(List<JobLaunch> desired) {
        Map<String, JobLaunch> wanted = desired.stream()
                .collect(Collectors.toMap(JobLaunch::allocationId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        for (TrackedAllocation t : tracked.values()) {
            if (!wanted.containsKey(t.allocationId()) && t.isRunning()) {
                t.job().orElseThrow().stop(JobOutcome.Kind.CANCELLED);
            }
        }
        // Forget what ended, was reported, and is no longer assigned; keep the rest so it is never restarted.
        if (tracked.values().removeIf(t -> t.exitReported() && !wanted.containsKey(t.allocationId()))) publish();
        List<JobLaunch> fresh = wanted.values().stream().filter(l -> !tracked.containsKey(l.allocationId())).toList();
        List<Future<TrackedAllocation>> starting = fresh.size() > 1
                ? fresh.stream().map(l -> starter.submit(() -> start(l))).toList() // process starts overlap
                : List.of();
        for (int i = 0; i < fresh.size(); i++) {
            JobLaunch launch = fresh.get(i);
            tracked.put(launch.allocationId(), starting.isEmpty() ? start(launch) : await(launch, starting.get(i)));
            publish(); // a report round that runs meanwhile (woken by an exit) already sees this start
        }
        // One wake for all starts of this set, after publishing them: they started side by side, so
        // they go out in one report (one commit on the server) instead of one round per start.
        if (!fresh.isEmpty()) onChange.run();
    }

    /** Waits for a start handed to {@link #starter}; an interrupt cannot cut it short, or the process would run untracked. */
    private TrackedAllocation await(JobLaunch launch, Future<TrackedAllocation> start) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return start.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return TrackedAllocation.failedToStart(launch, "could not start: " + e.getCause(), clock.instant());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private void publish() {
        published = List.copyOf(tracked.values());
    }

    private TrackedAllocation start(JobLaunch launch) {
        JobWorkspace ws = runner.workspaceOf(launch);
        if (ws.exists()) {
            boolean killed = runner.stopOrphan(ws, runner.workingDirectory(launch));
            return TrackedAllocation.lost(launch, "the agent restarted while this allocation was running"
                    + (killed ? "; its leftover processes were killed" : "") + ", so it was not started again", clock.instant());
        }
        try {
            RunningJob job = runner.start(launch);
            job.outcome().thenRun(onChange);
            return TrackedAllocation.started(job, new LogShipper(ws.stdout(), ws.stderr(), maxChunkBytes));
        } catch (IOException | RuntimeException e) {
            return TrackedAllocation.failedToStart(launch, "could not start: " + e.getMessage(), clock.instant());
        }
    }

    /** Stops one allocation now (the server said it is no longer current). */
    public synchronized void stop(String allocationId) {
        TrackedAllocation t = tracked.get(allocationId);
        if (t != null && t.isRunning()) t.job().orElseThrow().stop(JobOutcome.Kind.CANCELLED);
    }

    /** Stops every running job (agent shutdown). */
    public synchronized void stopAll() {
        for (TrackedAllocation t : tracked.values()) {
            if (t.isRunning()) t.job().orElseThrow().stop(JobOutcome.Kind.AGENT_STOPPED);
        }
    }

    /** A snapshot of everything tracked, in start order (does not wait for a reconcile in progress). */
    public List<TrackedAllocation> tracked() {
        return new ArrayList<>(published);
    }

    public List<TrackedAllocation> running() {
        return published.stream().filter(TrackedAllocation::isRunning).toList();
    }

    /** Allocations whose end has not been reported to the server yet: running, or ended with output or the exit still to send. */
    public List<TrackedAllocation> unreported() {
        return published.stream().filter(t -> !t.exitReported()).toList();
    }

    public Set<String> allocationIds() {
        Set<String> ids = new HashSet<>();
        published.forEach(t -> ids.add(t.allocationId()));
        return ids;
    }
}

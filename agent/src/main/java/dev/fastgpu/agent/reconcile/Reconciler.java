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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes the node run exactly the desired allocations: starts what is desired and was never started,
 * stops what runs and is no longer desired. Level-triggered: calling it twice with the same set does
 * nothing the second time, and any set can follow any other.
 *
 * <p>An allocation id is started at most once in this agent's life; one whose workspace already
 * exists was started by an earlier agent process, so its orphaned process group is killed and the
 * allocation reported as failed rather than run twice.
 */
public final class Reconciler {
    private final JobRunner runner;
    private final Clock clock;
    private final int maxChunkBytes;
    private final Runnable onChange;
    private final Map<String, TrackedAllocation> tracked = new LinkedHashMap<>();

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
        tracked.values().removeIf(t -> t.exitReported() && !wanted.containsKey(t.allocationId()));
        for (JobLaunch launch : wanted.values()) {
            if (!tracked.containsKey(launch.allocationId())) {
                tracked.put(launch.allocationId(), start(launch));
            }
        }
    }

    private TrackedAllocation start(JobLaunch launch) {
        JobWorkspace ws = runner.workspaceOf(launch);
        if (ws.exists()) {
            boolean killed = runner.stopOrphan(ws);
            onChange.run();
            return TrackedAllocation.failedToStart(launch, "the agent restarted while this allocation was running"
                    + (killed ? "; its leftover processes were killed" : "") + ", so it was not started again", clock.instant());
        }
        try {
            RunningJob job = runner.start(launch);
            job.outcome().thenRun(onChange);
            onChange.run();
            return TrackedAllocation.started(job, new LogShipper(ws.stdout(), ws.stderr(), maxChunkBytes));
        } catch (IOException | RuntimeException e) {
            onChange.run();
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
            if (t.isRunning()) t.job().orElseThrow().stop(JobOutcome.Kind.CANCELLED);
        }
    }

    /** A snapshot of everything tracked, in start order. */
    public synchronized List<TrackedAllocation> tracked() {
        return new ArrayList<>(tracked.values());
    }

    public synchronized List<TrackedAllocation> running() {
        return tracked.values().stream().filter(TrackedAllocation::isRunning).toList();
    }

    public synchronized Set<String> allocationIds() {
        return new HashSet<>(tracked.keySet());
    }
}

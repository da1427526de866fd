package dev.fastgpu.agent.exec;

import dev.fastgpu.model.Signals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One started job: its process group, and the outcome once it ends. {@link #stop} sends SIGTERM to
 * the whole group, then SIGKILL after the grace period.
 */
public final class RunningJob {
    private final JobLaunch launch;
    private final JobWorkspace workspace;
    private final JobProcess process;
    private final ProcessGroup group;
    private final Instant startedAt;
    private final Duration grace;
    private final ScheduledExecutorService timer;
    private final AtomicReference<JobOutcome.Kind> stopReason = new AtomicReference<>();
    private final CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();
    private volatile List<ProcessHandle> descendantsAtStop = List.of();
    private volatile Instant endedAt;
    private final java.time.Clock clock;

    RunningJob(JobLaunch launch, JobWorkspace workspace, JobProcess process, java.time.Clock clock,
               Duration grace, ScheduledExecutorService timer) {
        this.clock = clock;
        this.launch = launch;
        this.workspace = workspace;
        this.process = process;
        this.group = new ProcessGroup(process.pid());
        this.startedAt = clock.instant();
        this.grace = grace;
        this.timer = timer;
        process.exit().whenComplete(this::onExit);
        if (launch.timeLimit() != null) {
            timer.schedule(() -> stop(JobOutcome.Kind.TIME_LIMIT), launch.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public JobLaunch launch() { return launch; }

    public JobWorkspace workspace() { return workspace; }

    public long pid() { return process.pid(); }

    public Instant startedAt() { return startedAt; }

    /** When the main process ended, or null while it runs. */
    public Instant endedAt() { return endedAt; }

    public CompletableFuture<JobOutcome> outcome() { return outcome; }

    /** Stops the job's whole process tree: SIGTERM now, SIGKILL after the grace period. Idempotent. */
    public void stop(JobOutcome.Kind reason) {
        if (!process.isAlive() || !stopReason.compareAndSet(null, reason)) return;
        descendantsAtStop = ProcessHandle.of(process.pid()).map(h -> h.descendants().toList()).orElse(List.of());
        if (!group.signal("TERM")) process.signalAlone(false); // just started through setsid: not its group's leader yet
        timer.schedule(this::forceKill, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void forceKill() {
        if (!outcome.isDone()) group.signal("KILL"); // once the leader is gone, onExit has killed the group

        ProcessGroup.killAll(descendantsAtStop);
        if (process.isAlive()) process.signalAlone(true);
    }

    private void onExit(JobProcess.ExitStatus status, Throwable failure) {
        endedAt = clock.instant();
        // The job ends when its main process ends: whatever it left behind in its group goes too,
        // so no stray child keeps holding the GPUs.
        group.signal("KILL");
        ProcessGroup.killAll(descendantsAtStop);
        if (failure != null) {
            outcome.complete(new JobOutcome(JobOutcome.Kind.EXITED, null, null, "the agent lost track of the process: " + failure.getMessage()));
        } else {
            outcome.complete(describe(status));
        }
    }

    private JobOutcome describe(JobProcess.ExitStatus status) {
        String signal = status.signal() == null ? null : Signals.name(status.signal());
        JobOutcome.Kind reason = stopReason.get();
        if (reason == JobOutcome.Kind.TIME_LIMIT) {
            return new JobOutcome(reason, status.code(), signal, "stopped after reaching its time limit of " + launch.timeLimit());
        }
        if (reason == JobOutcome.Kind.CANCELLED) {
            return new JobOutcome(reason, status.code(), signal, "stopped because it is no longer assigned to this node (cancelled or preempted)");
        }
        if (reason == JobOutcome.Kind.AGENT_STOPPED) {
            return new JobOutcome(reason, status.code(), signal, "stopped because the agent on its node was shut down");
        }
        if (signal != null) return new JobOutcome(JobOutcome.Kind.EXITED, null, signal, "killed by " + signal);
        return new JobOutcome(JobOutcome.Kind.EXITED, status.code(), null, "exited with code " + status.code());
    }
}

package dev.fastgpu.agent.reconcile;

import dev.fastgpu.agent.exec.JobLaunch;
import dev.fastgpu.agent.exec.JobOutcome;
import dev.fastgpu.agent.exec.RunningJob;
import dev.fastgpu.agent.logs.LogShipper;

import java.time.Instant;
import java.util.Optional;

/**
 * One allocation this agent started (or failed to start), from start until the server has its exit
 * report and no longer assigns it.
 */
public final class TrackedAllocation {
    private final JobLaunch launch;
    private final RunningJob job;              // null when the process could not be started
    private final LogShipper logs;             // null when the process could not be started
    private final JobOutcome startFailure;
    private final Instant createdAt;
    private volatile boolean startReported;
    private volatile boolean exitReported;

    private TrackedAllocation(JobLaunch launch, RunningJob job, LogShipper logs, JobOutcome startFailure, Instant createdAt) {
        this.launch = launch;
        this.job = job;
        this.logs = logs;
        this.startFailure = startFailure;
        this.createdAt = createdAt;
    }

    static TrackedAllocation started(RunningJob job, LogShipper logs) {
        return new TrackedAllocation(job.launch(), job, logs, null, job.startedAt());
    }

    /** An allocation an earlier agent process ran: its process is gone or was killed, and its end is unknown. */
    static TrackedAllocation lost(JobLaunch launch, String message, Instant at) {
        return new TrackedAllocation(launch, null, null, new JobOutcome(JobOutcome.Kind.LOST, null, null, message), at);
    }

    static TrackedAllocation failedToStart(JobLaunch launch, String message, Instant at) {
        return new TrackedAllocation(launch, null, null,
                new JobOutcome(JobOutcome.Kind.FAILED_TO_START, 127, null, message), at);
    }

    public JobLaunch launch() { return launch; }

    public String allocationId() { return launch.allocationId(); }

    /** The running (or finished) process, empty when it never started. */
    public Optional<RunningJob> job() { return Optional.ofNullable(job); }

    public Optional<LogShipper> logs() { return Optional.ofNullable(logs); }

    /** How it ended, empty while it runs. */
    public Optional<JobOutcome> outcome() {
        if (startFailure != null) return Optional.of(startFailure);
        return Optional.ofNullable(job.outcome().getNow(null));
    }

    public boolean isRunning() {
        return job != null && !job.outcome().isDone();
    }

    public Instant createdAt() { return createdAt; }

    public boolean startReported() { return startReported; }

    public void markStartReported() { startReported = true; }

    public boolean exitReported() { return exitReported; }

    public void markExitReported() { exitReported = true; }
}

package dev.fastgpu.server.service;

import dev.fastgpu.model.JobState;
import dev.fastgpu.model.JobStateMachine;
import dev.fastgpu.store.Change;
import dev.fastgpu.store.JobEvent;
import dev.fastgpu.store.JobRecord;

import java.time.Instant;

/**
 * The one place where a job changes state: checks the move against {@link JobStateMachine}, sets
 * the timestamps that belong to it, and adds the job write and its event to a {@link Change}.
 */
public final class JobTransitions {
    private JobTransitions() {}

    /**
     * Adds {@code job -> to} to {@code change} (checked against the version the job was read at) and
     * returns the new record. Chained transitions in one change pass the returned record back in.
     */
    public static JobRecord move(Change change, JobRecord read, JobRecord job, JobState to, String code, String message,
                                 String nodeId, Instant at) {
        JobStateMachine.transition(job.state(), to);
        JobRecord next = job.withState(to, code, message);
        if (to == JobState.RUNNING) next = next.withTimes(at, null);
        if (to == JobState.QUEUED) next = next.withTimes(null, null).withExit(null, null);
        if (to.isTerminal()) next = next.withTimes(job.startedAt(), at);
        change.job(next, read.version());
        change.event(new JobEvent(job.id(), 0, at, job.state(), to, code, message, nodeId));
        return next;
    }

    /** The common case: one transition of a job just read. */
    public static JobRecord move(Change change, JobRecord job, JobState to, String code, String message, String nodeId, Instant at) {
        return move(change, job, job, to, code, message, nodeId, at);
    }

    /**
     * A job that lost its allocation (node loss, preemption) goes back to the queue while retries
     * remain, otherwise it fails. {@code job} must already be LOST or PREEMPTED in this change.
     */
    public static JobRecord requeueOrFail(Change change, JobRecord read, JobRecord job, String nodeId, Instant at) {
        if (job.attempt() <= job.maxRetries()) {
            return move(change, read, job, JobState.QUEUED, "requeued",
                    "re-queued after attempt " + job.attempt() + " (" + job.reasonMessage() + "); "
                            + (job.maxRetries() - job.attempt() + 1) + " retries left", nodeId, at);
        }
        return move(change, read, job, JobState.FAILED, "retries_exhausted",
                "failed: " + job.reasonMessage() + "; all " + job.maxRetries() + " retries used", nodeId, at);
    }
}

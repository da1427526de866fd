package dev.fastgpu.store;

import dev.fastgpu.model.JobState;

import java.time.Instant;

/**
 * One stored transition of a job.
 *
 * @param jobId   the job
 * @param seq     1, 2, ... per job; assigned by the store (pass 0)
 * @param at      when
 * @param from    previous state, null for the submission
 * @param to      new state
 * @param code    reason code
 * @param message reason in words
 * @param nodeId  node concerned, or null
 */
public record JobEvent(String jobId, long seq, Instant at, JobState from, JobState to, String code, String message,
                       String nodeId) {
    public JobEvent withJobId(String id) {
        return new JobEvent(id, seq, at, from, to, code, message, nodeId);
    }

    public JobEvent withSeq(long s) {
        return new JobEvent(jobId, s, at, from, to, code, message, nodeId);
    }
}

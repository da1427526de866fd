package dev.fastgpu.api;

import dev.fastgpu.model.JobState;

import java.time.Instant;

/**
 * One transition in a job's history.
 *
 * @param seq     order within the job (1, 2, ...)
 * @param at      when it was committed
 * @param from    previous state, null for the submission
 * @param to      new state
 * @param code    machine-readable reason code
 * @param message the reason in words
 * @param nodeId  node concerned, or null
 */
public record JobEventView(long seq, Instant at, JobState from, JobState to, String code, String message, String nodeId) {
}

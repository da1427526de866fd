package dev.fastgpu.api;

import dev.fastgpu.model.JobState;

import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it.
 *
 * @param id          job id, e.g. "j-42"
 * @param name        label
 * @param user        owner
 * @param project     project billed
 * @param state       lifecycle state
 * @param spec        the normalised spec (defaults filled in)
 * @param reason      why it waits / failed / was cancelled; null while nothing needs saying
 * @param queuePosition 1-based place among the QUEUED jobs in the order the scheduler considers them
 *                    (as of its last pass); null when the job is not queued
 * @param attempt     1 for the first placement, incremented each time it is re-queued
 * @param submittedAt when the server committed it
 * @param startedAt   when the current attempt started running, or null
 * @param finishedAt  when it reached a terminal state, or null
 * @param exitCode    the process exit code, or null
 * @param signal      the signal that ended the process (e.g. "SIGKILL"), or null
 * @param allocations current and past allocations, newest first
 * @param usage       GPU-seconds, wall time and cost
 */
public record JobView(String id, String name, String user, String project, JobState state, JobSpec spec,
                      ReasonView reason, Integer queuePosition, int attempt, Instant submittedAt, Instant startedAt, Instant finishedAt,
                      Integer exitCode, String signal, List<AllocationView> allocations, UsageView usage) {
}

package dev.fastgpu.api.agent;

/**
 * Something the agent runs right now, as reported in a heartbeat.
 *
 * @param allocationId the allocation it was started for
 * @param jobId        the job
 * @param pid          process (group) id, or null
 */
public record RunningAllocation(String allocationId, String jobId, Long pid) {
}

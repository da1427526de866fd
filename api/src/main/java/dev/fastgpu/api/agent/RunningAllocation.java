package dev.fastgpu.api.agent;

/**
 * An allocation the agent still holds, as reported in a heartbeat: its process runs, or it ended
 * and the end has not been reported yet (output still shipping). The server takes an active
 * allocation missing from a heartbeat for a process that vanished.
 *
 * @param allocationId the allocation it was started for
 * @param jobId        the job
 * @param pid          process (group) id, or null
 */
public record RunningAllocation(String allocationId, String jobId, Long pid) {
}

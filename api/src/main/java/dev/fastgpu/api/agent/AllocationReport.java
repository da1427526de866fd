package dev.fastgpu.api.agent;

/**
 * What the agent has to say about one allocation in a {@link Reports} batch: that its process
 * started, that it ended, or both (a short job often ends before its start was reported).
 *
 * @param allocationId the allocation
 * @param started      the start, or null when already reported (or the process never started)
 * @param exited       the end, or null while it runs; send it only after all its output was acknowledged
 */
public record AllocationReport(String allocationId, JobStarted started, JobExited exited) {
}

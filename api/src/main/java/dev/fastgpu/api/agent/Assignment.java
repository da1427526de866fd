package dev.fastgpu.api.agent;

import java.util.List;
import java.util.Map;

/**
 * One job the node should run. The allocation id identifies this placement: when a job is re-queued
 * and placed again it gets a new allocation id, so an agent that still holds an old one knows to
 * stop it, and the server ignores reports for allocations that are no longer current.
 *
 * @param allocationId     unique per placement
 * @param jobId            the job
 * @param attempt          1 for the first placement
 * @param command          argv to run
 * @param workdir          working directory, or null for the agent's default
 * @param env              environment (the agent adds CUDA_VISIBLE_DEVICES and FASTGPU_* itself)
 * @param gpuIndices       devices to expose
 * @param gpuUuids         their UUIDs, same order
 * @param milliPerGpu      share of each device in thousandths
 * @param cpuMilli         CPU given
 * @param memoryMib        memory given
 * @param timeLimitSeconds stop the process after this long, or null
 */
public record Assignment(String allocationId, String jobId, int attempt, List<String> command, String workdir,
                         Map<String, String> env, List<Integer> gpuIndices, List<String> gpuUuids, int milliPerGpu,
                         long cpuMilli, long memoryMib, Long timeLimitSeconds) {
}

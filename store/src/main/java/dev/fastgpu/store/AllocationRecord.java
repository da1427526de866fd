package dev.fastgpu.store;

import java.time.Instant;
import java.util.List;

/**
 * The resources one attempt of a job holds on one node.
 *
 * @param id          unique per placement
 * @param jobId       the job
 * @param nodeId      the node
 * @param attempt     the job's attempt number
 * @param gpuIndices  device indices
 * @param gpuModel    their model (null for CPU-only)
 * @param milliPerGpu share of each
 * @param cpuMilli    CPU held
 * @param memoryMib   memory held
 * @param state       ACTIVE, RELEASING or RELEASED
 * @param createdAt   placement time
 * @param startedAt   when the agent reported the process started
 * @param releasedAt  when the resources were freed
 */
public record AllocationRecord(String id, String jobId, String nodeId, int attempt, List<Integer> gpuIndices,
                               String gpuModel, int milliPerGpu, long cpuMilli, long memoryMib, AllocationState state,
                               Instant createdAt, Instant startedAt, Instant releasedAt) {
    public AllocationRecord {
        gpuIndices = List.copyOf(gpuIndices);
    }

    public AllocationRecord withState(AllocationState s, Instant releasedAt) {
        return new AllocationRecord(id, jobId, nodeId, attempt, gpuIndices, gpuModel, milliPerGpu, cpuMilli, memoryMib, s,
                createdAt, startedAt, releasedAt);
    }

    public AllocationRecord withStartedAt(Instant t) {
        return new AllocationRecord(id, jobId, nodeId, attempt, gpuIndices, gpuModel, milliPerGpu, cpuMilli, memoryMib, state,
                createdAt, t, releasedAt);
    }
}

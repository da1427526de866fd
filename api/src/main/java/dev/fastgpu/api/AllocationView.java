package dev.fastgpu.api;

import java.time.Instant;
import java.util.List;

/**
 * The GPUs one attempt of a job holds (or held) on one node.
 *
 * @param allocationId unique per placement; a new attempt gets a new one
 * @param nodeId       where
 * @param gpuIndices   device indices on that node (what CUDA_VISIBLE_DEVICES names)
 * @param gpuModel     model of those GPUs
 * @param milliPerGpu  share of each GPU in thousandths
 * @param state        ACTIVE (should run), RELEASING (being stopped), RELEASED
 * @param createdAt    when it was placed
 * @param releasedAt   when its resources were freed, or null
 */
public record AllocationView(String allocationId, String nodeId, List<Integer> gpuIndices, String gpuModel,
                             int milliPerGpu, String state, Instant createdAt, Instant releasedAt) {
}

package dev.fastgpu.api.agent;

import java.util.List;

/**
 * Periodic proof of life ({@code POST /api/v1/agent/heartbeat}); the answer is the node's full
 * assignment set, so a heartbeat alone is enough to reconcile.
 *
 * @param nodeId  the node
 * @param running every allocation the agent is running now
 * @param gpus    current GPU inventory (may change after a driver reset; null: unchanged)
 */
public record Heartbeat(String nodeId, List<RunningAllocation> running, List<GpuInfo> gpus) {
}

package dev.fastgpu.api;

import dev.fastgpu.model.NodeState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A node (GPU machine) as the API shows it.
 *
 * @param id              node id given at join
 * @param hostname        what the agent reported
 * @param state           READY, DRAINING or DOWN
 * @param drained         whether an admin drained it (it stays DRAINING when it comes back from DOWN)
 * @param gpus            its GPUs with their use
 * @param cpuMilli        allocatable CPU
 * @param memoryMib       allocatable memory
 * @param labels          node labels
 * @param joinedAt        first join
 * @param lastHeartbeatAt last heartbeat the server received
 * @param jobIds          jobs holding resources on it
 */
public record NodeView(String id, String hostname, NodeState state, boolean drained, List<GpuView> gpus, long cpuMilli,
                       long memoryMib, Map<String, String> labels, Instant joinedAt, Instant lastHeartbeatAt,
                       List<String> jobIds) {
}

package dev.fastgpu.store;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A node as stored.
 *
 * @param id              node id
 * @param hostname        reported host name
 * @param state           READY, DRAINING or DOWN
 * @param drained         set by an admin; the node returns as DRAINING, not READY
 * @param gpus            its GPUs by index
 * @param cpuMilli        allocatable CPU
 * @param memoryMib       allocatable memory
 * @param labels          labels
 * @param joinedAt        first join
 * @param lastHeartbeatAt last heartbeat
 */
public record NodeRecord(String id, String hostname, NodeState state, boolean drained, List<Gpu> gpus, long cpuMilli,
                         long memoryMib, Map<String, String> labels, Instant joinedAt, Instant lastHeartbeatAt) {
    public NodeRecord {
        gpus = List.copyOf(gpus);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public NodeRecord withState(NodeState s, boolean isDrained) {
        return new NodeRecord(id, hostname, s, isDrained, gpus, cpuMilli, memoryMib, labels, joinedAt, lastHeartbeatAt);
    }

    public NodeRecord withHeartbeat(Instant at) {
        return new NodeRecord(id, hostname, state, drained, gpus, cpuMilli, memoryMib, labels, joinedAt, at);
    }
}

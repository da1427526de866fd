package dev.fastgpu.scheduler;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;

import java.util.List;
import java.util.Map;

/**
 * One node as the scheduler sees it: its capacity. What is in use comes from the
 * {@link Allocation}s in the {@link ClusterSnapshot}.
 *
 * @param id        unique node id; nodes are visited in id order so equal input gives an equal plan
 * @param state     READY nodes take new work; DRAINING and DOWN do not
 * @param gpus      the node's GPUs, by device index
 * @param cpuMilli  allocatable CPU in thousandths of a core (0: not tracked, any CPU request fits)
 * @param memoryMib allocatable host memory in MiB (0: not tracked)
 * @param labels    free-form labels that jobs may require
 */
public record NodeSnapshot(String id, NodeState state, List<Gpu> gpus, long cpuMilli, long memoryMib,
                           Map<String, String> labels) {
    public NodeSnapshot {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("node id must not be blank");
        gpus = List.copyOf(gpus);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        for (int i = 0; i < gpus.size(); i++) {
            if (gpus.get(i).index() != i) {
                throw new IllegalArgumentException("node " + id + ": GPUs must be listed by index 0.." + (gpus.size() - 1));
            }
        }
    }
}

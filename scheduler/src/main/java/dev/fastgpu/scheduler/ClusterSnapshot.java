package dev.fastgpu.scheduler;

import java.util.List;

/**
 * An immutable picture of the cluster at one moment: every node and every allocation in force.
 * The scheduler never changes it; it computes free capacity from it at the start of a pass.
 */
public record ClusterSnapshot(List<NodeSnapshot> nodes, List<Allocation> allocations) {
    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        allocations = List.copyOf(allocations);
    }
}

package dev.fastgpu.scheduler;

import java.util.List;

/** A job placed in this pass: one {@link NodeAssignment} per node (more than one only for a gang). */
public record Placement(String jobId, List<NodeAssignment> assignments) {
    public Placement {
        assignments = List.copyOf(assignments);
    }

    /** The GPUs (and share of each), CPU and memory given to a job on one node. */
    public record NodeAssignment(String nodeId, List<Integer> gpuIndices, int milliPerGpu, long cpuMilli, long memoryMib) {
        public NodeAssignment {
            gpuIndices = List.copyOf(gpuIndices);
        }
    }
}

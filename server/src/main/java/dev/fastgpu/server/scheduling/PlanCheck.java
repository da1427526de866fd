package dev.fastgpu.server.scheduling;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.Placement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-checks a placement against the latest committed state before it is written: node still READY,
 * GPUs exist, are of an allowed model and have room for the share, CPU and memory fit. Placements
 * accepted in the same pass are added as they pass, so one GPU is never handed out twice.
 */
final class PlanCheck {
    private final Map<String, NodeSnapshot> nodes = new HashMap<>();
    private final Map<String, int[]> gpuMilli = new HashMap<>();
    private final Map<String, long[]> cpuMem = new HashMap<>();

    PlanCheck(ClusterSnapshot snapshot) {
        for (NodeSnapshot n : snapshot.nodes()) {
            nodes.put(n.id(), n);
            gpuMilli.put(n.id(), new int[n.gpus().size()]);
            cpuMem.put(n.id(), new long[2]);
        }
        for (Allocation a : snapshot.allocations()) {
            if (nodes.containsKey(a.nodeId())) take(a.nodeId(), a.gpuIndices(), a.milliPerGpu(), a.cpuMilli(), a.memoryMib());
        }
    }

    /** Null when the whole placement fits now; otherwise why not. Accepted placements are counted as used. */
    String admit(Placement p, ResourceRequest request) {
        for (Placement.NodeAssignment na : p.assignments()) {
            String why = check(na, request);
            if (why != null) return why;
        }
        p.assignments().forEach(na -> take(na.nodeId(), na.gpuIndices(), na.milliPerGpu(), na.cpuMilli(), na.memoryMib()));
        return null;
    }

    private String check(Placement.NodeAssignment na, ResourceRequest request) {
        NodeSnapshot n = nodes.get(na.nodeId());
        if (n == null) return "node " + na.nodeId() + " is unknown";
        if (n.state() != NodeState.READY) return "node " + n.id() + " is " + n.state();
        int[] used = gpuMilli.get(n.id());
        for (int idx : na.gpuIndices()) {
            if (idx < 0 || idx >= used.length) return "node " + n.id() + " has no GPU " + idx;
            Gpu g = n.gpus().get(idx);
            if (!request.allowsModel(g.model())) return "GPU " + idx + " of " + n.id() + " is a " + g.model();
            if (g.memoryMib() < request.minGpuMemoryMib()) return "GPU " + idx + " of " + n.id() + " has too little memory";
            if (used[idx] + na.milliPerGpu() > 1000) return "GPU " + idx + " of " + n.id() + " is already in use";
        }
        if (na.gpuIndices().stream().distinct().count() != na.gpuIndices().size()) return "a GPU is listed twice";
        long[] cm = cpuMem.get(n.id());
        if (n.cpuMilli() > 0 && cm[0] + na.cpuMilli() > n.cpuMilli()) return "node " + n.id() + " lacks CPU";
        if (n.memoryMib() > 0 && cm[1] + na.memoryMib() > n.memoryMib()) return "node " + n.id() + " lacks memory";
        return null;
    }

    private void take(String nodeId, List<Integer> gpus, int milli, long cpu, long mem) {
        int[] used = gpuMilli.get(nodeId);
        for (int idx : gpus) if (idx >= 0 && idx < used.length) used[idx] += milli;
        long[] cm = cpuMem.get(nodeId);
        cm[0] += cpu;
        cm[1] += mem;
    }
}

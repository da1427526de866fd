package dev.fastgpu.server.scheduling;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.Fit;
import dev.fastgpu.scheduler.FitResult;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-checks each placement of a plan with the scheduler's own {@link Fit#recheck} before it is
 * committed. Placements accepted in the same pass are taken from the usage as they pass, so one
 * GPU is never handed out twice even if a plan were wrong.
 */
final class PlanCheck {
    private final Map<String, NodeSnapshot> nodes = new HashMap<>();
    private final Map<String, NodeUsage> usage = new HashMap<>();

    PlanCheck(ClusterSnapshot snapshot) {
        Map<String, List<Allocation>> byNode = new HashMap<>();
        for (Allocation a : snapshot.allocations()) byNode.computeIfAbsent(a.nodeId(), k -> new ArrayList<>()).add(a);
        for (NodeSnapshot n : snapshot.nodes()) {
            nodes.put(n.id(), n);
            usage.put(n.id(), NodeUsage.of(n, byNode.getOrDefault(n.id(), List.of())));
        }
    }

    /** Null when the whole placement fits now; otherwise why not. An accepted placement is counted as used. */
    String admit(Placement p, ResourceRequest request) {
        for (Placement.NodeAssignment na : p.assignments()) {
            NodeSnapshot n = nodes.get(na.nodeId());
            if (n == null) return "node " + na.nodeId() + " is unknown";
            FitResult r = Fit.recheck(n, usage.get(n.id()), request, na);
            if (!r.fits()) return r.reason().message();
        }
        for (Placement.NodeAssignment na : p.assignments()) {
            int[] gpus = na.gpuIndices().stream().mapToInt(Integer::intValue).toArray();
            usage.get(na.nodeId()).take(gpus, na.milliPerGpu(), na.cpuMilli(), na.memoryMib());
        }
        return null;
    }
}

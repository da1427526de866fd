package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.sim.cluster.ClusterSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated agents' view of the hardware: thousandths in use on every GPU. It does not decide
 * anything; it refuses a plan that would over-commit a GPU (a scheduler bug) and keeps the
 * running totals that the metrics and the "nothing can fit" short-cut need.
 */
final class Ledger {
    private final Map<String, int[]> used = new HashMap<>();
    private final long capacityMilli;
    private long busyMilli;

    Ledger(ClusterSpec cluster) {
        long cap = 0;
        for (NodeSnapshot n : cluster.nodes()) {
            used.put(n.id(), new int[n.gpus().size()]);
            cap += 1000L * n.gpus().size();
        }
        this.capacityMilli = cap;
    }

    void take(List<Allocation> allocations) {
        for (Allocation a : allocations) {
            int[] gpus = gpusOf(a);
            for (int g : a.gpuIndices()) {
                if (g < 0 || g >= gpus.length) {
                    throw new IllegalStateException("plan gives job " + a.jobId() + " GPU " + g + " on node " + a.nodeId() + ", which has " + gpus.length);
                }
                if (gpus[g] + a.milliPerGpu() > 1000) {
                    throw new IllegalStateException("plan over-commits GPU " + g + " on node " + a.nodeId() + " (job " + a.jobId()
                            + " wants " + a.milliPerGpu() + "/1000, " + gpus[g] + " already in use)");
                }
            }
            for (int g : a.gpuIndices()) gpus[g] += a.milliPerGpu();
            busyMilli += (long) a.milliPerGpu() * a.gpuIndices().size();
        }
    }

    void release(List<Allocation> allocations) {
        for (Allocation a : allocations) {
            int[] gpus = gpusOf(a);
            for (int g : a.gpuIndices()) {
                gpus[g] -= a.milliPerGpu();
                if (gpus[g] < 0) throw new IllegalStateException("GPU " + g + " on " + a.nodeId() + " released twice");
            }
            busyMilli -= (long) a.milliPerGpu() * a.gpuIndices().size();
        }
    }

    private int[] gpusOf(Allocation a) {
        int[] gpus = used.get(a.nodeId());
        if (gpus == null) throw new IllegalStateException("plan names unknown node " + a.nodeId());
        return gpus;
    }

    long busyMilli() {
        return busyMilli;
    }

    long freeMilli() {
        return capacityMilli - busyMilli;
    }

}

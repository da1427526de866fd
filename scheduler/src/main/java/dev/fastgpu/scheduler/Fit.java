package dev.fastgpu.scheduler;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.filter.Filters;
import dev.fastgpu.scheduler.filter.NodeFilter;
import dev.fastgpu.scheduler.filter.Words;

import java.util.List;

/**
 * The one feasibility check of a request against a node's current usage, shared by the scheduler
 * (every candidate node goes through it) and by whoever applies a plan later (the server
 * re-checks each {@link Placement.NodeAssignment} with {@link #recheck} before committing).
 * Pure and static.
 */
public final class Fit {
    private Fit() {}

    /** Does {@code request} fit on {@code node} now? Picks the tightest GPUs (packing). */
    public static FitResult check(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        return check(node, usage, request, GpuPicker.Preference.BEST_FIT);
    }

    /** Does {@code request} fit on {@code node} now? {@code preference} chooses among fitting GPUs. */
    public static FitResult check(NodeSnapshot node, NodeUsage usage, ResourceRequest request,
                                  GpuPicker.Preference preference) {
        int[][] chosen = new int[1][];
        NodeFilter f = evaluate(node, usage, request, preference, chosen);
        return f == null ? FitResult.fits(chosen[0]) : rejected(f, node, usage, request);
    }

    /**
     * The allocation-light form of {@link #check}: the chosen GPU indices, or null when the
     * request does not fit. The scheduler's hot path uses this; the answer is the same.
     */
    public static int[] pick(NodeSnapshot node, NodeUsage usage, ResourceRequest request,
                             GpuPicker.Preference preference) {
        int[][] chosen = new int[1][];
        return evaluate(node, usage, request, preference, chosen) == null ? chosen[0] : null;
    }

    /**
     * As {@link #pick}, for a node already known to pass every static filter ({@link #staticallyFeasible}
     * is true for it or for a node of its class): only the usage-dependent steps run. Same answer.
     * {@code plainNode}: all its GPUs are of one model, with equal memory and no topology group
     * (see {@link GpuPicker#pickOnPlainNode}).
     */
    public static int[] pickStaticallyFeasible(NodeSnapshot node, NodeUsage usage, ResourceRequest request,
                                               GpuPicker.Preference preference, boolean plainNode) {
        int[] chosen = plainNode ? GpuPicker.pickOnPlainNode(node, usage, request, preference)
                : GpuPicker.pick(node, usage, request, preference);
        if (chosen == null) return null;
        List<NodeFilter> chain = Filters.CHAIN;
        for (int i = FIRST_DYNAMIC + 1; i < chain.size(); i++) {
            if (!chain.get(i).accepts(node, usage, request)) return null;
        }
        return chosen;
    }

    /** Where the free-GPU step sits in the chain: every filter before it is static. */
    private static final int FIRST_DYNAMIC = Filters.CHAIN.indexOf(Filters.GPU_FREE);

    static {
        if (!Filters.STATIC.equals(Filters.CHAIN.subList(0, FIRST_DYNAMIC))) {
            throw new IllegalStateException("Filters.CHAIN must list the static filters first, then the free-GPU step");
        }
    }

    /** Walks {@link Filters#CHAIN}; the free-GPU step is the picker itself. Returns the rejecting filter or null. */
    private static NodeFilter evaluate(NodeSnapshot node, NodeUsage usage, ResourceRequest request,
                                       GpuPicker.Preference preference, int[][] chosen) {
        List<NodeFilter> chain = Filters.CHAIN;
        for (int i = 0; i < chain.size(); i++) {
            NodeFilter f = chain.get(i);
            if (f == Filters.GPU_FREE) {
                chosen[0] = GpuPicker.pick(node, usage, request, preference);
                if (chosen[0] == null) return f;
            } else if (!f.accepts(node, usage, request)) {
                return f;
            }
        }
        return null;
    }

    /** True when the node passes every filter that does not depend on usage. */
    public static boolean staticallyFeasible(NodeSnapshot node, ResourceRequest request) {
        for (NodeFilter f : Filters.STATIC) {
            if (!f.accepts(node, null, request)) return false;
        }
        return true;
    }

    /**
     * Re-checks a planned assignment against the node as it is now: the node is ready and carries
     * the labels, each assigned GPU exists, suits the request and still has the planned share
     * free, and the planned CPU and memory are free. For the server's plan applier.
     */
    public static FitResult recheck(NodeSnapshot node, NodeUsage usage, ResourceRequest request,
                                    Placement.NodeAssignment assignment) {
        if (!node.id().equals(assignment.nodeId())) {
            throw new IllegalArgumentException("assignment is for node " + assignment.nodeId() + ", not " + node.id());
        }
        if (node.state() != NodeState.READY) return rejected(Filters.NODE_STATE, node, usage, request);
        if (!Filters.LABELS.accepts(node, usage, request)) return rejected(Filters.LABELS, node, usage, request);
        int[] gpus = new int[assignment.gpuIndices().size()];
        for (int i = 0; i < gpus.length; i++) {
            int g = assignment.gpuIndices().get(i);
            gpus[i] = g;
            if (g < 0 || g >= node.gpus().size()) {
                return FitResult.rejected(Filters.GPU_FREE, new Reason("gpu_missing",
                        "node " + node.id() + " has no GPU " + g + " (it has " + node.gpus().size() + ")"));
            }
            Gpu gpu = node.gpus().get(g);
            if (!GpuPicker.eligible(gpu, request)) return rejected(Filters.GPU_MODEL, node, usage, request);
            for (int j = 0; j < i; j++) {
                if (gpus[j] == g) {
                    return FitResult.rejected(Filters.GPU_FREE, new Reason("gpu_twice", "GPU " + g + " is assigned twice"));
                }
            }
            if (usage.freeMilli(g) < assignment.milliPerGpu()) {
                return FitResult.rejected(Filters.GPU_FREE, new Reason(Filters.GPU_FREE.code(),
                        "GPU " + g + " on node " + node.id() + " has " + Words.share(usage.freeMilli(g))
                                + " free, the plan gives the job " + Words.share(assignment.milliPerGpu())));
            }
        }
        if (!usage.cpuFits(assignment.cpuMilli())) return rejectedHost(Filters.CPU, node, usage, assignment);
        if (!usage.memoryFits(assignment.memoryMib())) return rejectedHost(Filters.MEMORY, node, usage, assignment);
        return FitResult.fits(gpus);
    }

    private static FitResult rejectedHost(NodeFilter f, NodeSnapshot node, NodeUsage usage, Placement.NodeAssignment a) {
        ResourceRequest host = new ResourceRequest(0, 1000, null, 0, a.cpuMilli(), a.memoryMib(), null);
        return rejected(f, node, usage, host);
    }

    private static FitResult rejected(NodeFilter f, NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        long measure = usage == null ? 0 : f.measure(node, usage, request);
        return FitResult.rejected(f, f.explain(request, 1, 1, measure));
    }
}

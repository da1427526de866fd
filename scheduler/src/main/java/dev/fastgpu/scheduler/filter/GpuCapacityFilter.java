package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.GpuPicker;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

/**
 * A whole-GPU job needs a node with at least that many suitable GPUs of one model, busy or not:
 * nodes that are simply too small are told apart from nodes that are merely busy.
 */
public final class GpuCapacityFilter implements NodeFilter {
    @Override
    public String code() {
        return "gpu_capacity";
    }

    @Override
    public boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        if (request.gpus() <= 1) return true;
        return largestModelCount(node, request) >= request.gpus();
    }

    @Override
    public long measure(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        return largestModelCount(node, request);
    }

    static int largestModelCount(NodeSnapshot node, ResourceRequest request) {
        var gpus = node.gpus();
        if (!gpus.isEmpty() && request.minGpuMemoryMib() == 0 && request.gpuModels().isEmpty()) {
            // every GPU suits the request: on a node of one model (the usual case) that is all of them
            String first = gpus.get(0).model();
            int i = 1;
            while (i < gpus.size() && gpus.get(i).model().equals(first)) i++;
            if (i == gpus.size()) return i;
        }
        String[] models = new String[gpus.size()];
        int[] counts = new int[gpus.size()];
        int distinct = 0;
        int best = 0;
        for (Gpu g : gpus) {
            if (!GpuPicker.eligible(g, request)) continue;
            int slot = 0;
            while (slot < distinct && !models[slot].equals(g.model())) slot++;
            if (slot == distinct) models[distinct++] = g.model();
            best = Math.max(best, ++counts[slot]);
        }
        return best;
    }

    @Override
    public Reason explain(ResourceRequest request, int rejected, int reached, long best) {
        return new Reason(code(), Words.nodes(rejected) + (rejected == 1 ? " has" : " have") + " fewer than "
                + request.gpus() + " " + Words.modelNames(request) + Words.memoryClause(request)
                + " in total (largest: " + best + ")");
    }
}

package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.GpuPicker;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

/**
 * The GPUs must be free now: N fully free GPUs of one model, or one GPU with the requested share
 * left. {@link GpuPicker} makes the same decision when it chooses the indices ({@code Fit} uses the
 * picker; the explanations use this filter, which is cheaper); a test keeps the two in step.
 */
public final class GpuFreeFilter implements NodeFilter {
    @Override
    public String code() {
        return "insufficient_gpus";
    }

    @Override
    public boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        if (request.gpus() == 0) return true;
        // the same decision GpuPicker makes, without choosing indices
        return measure(node, usage, request) >= (request.isFractional() ? request.milliPerGpu() : request.gpus());
    }

    /** Whole GPUs: most fully free suitable GPUs of one model; fractional: largest free share on one GPU. */
    @Override
    public long measure(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        var gpus = node.gpus();
        String[] models = new String[gpus.size()];
        int[] counts = new int[gpus.size()];
        int distinct = 0;
        long best = 0;
        for (int i = 0; i < gpus.size(); i++) {
            Gpu g = gpus.get(i);
            if (!GpuPicker.eligible(g, request)) continue;
            if (request.isFractional()) {
                best = Math.max(best, usage.freeMilli(i));
                continue;
            }
            if (usage.freeMilli(i) != 1000) continue;
            int slot = 0;
            while (slot < distinct && !models[slot].equals(g.model())) slot++;
            if (slot == distinct) models[distinct++] = g.model();
            best = Math.max(best, ++counts[slot]);
        }
        return best;
    }

    @Override
    public Reason explain(ResourceRequest request, int rejected, int reached, long best) {
        String have = Words.nodes(reached) + (reached == 1 ? " has " : " have ") + Words.modelNames(request);
        if (request.isFractional()) {
            return new Reason(code(), "needs " + Words.share(request.milliPerGpu()) + " on one GPU of "
                    + Words.models(request) + Words.memoryClause(request) + "; " + have
                    + ", largest free share on one GPU: " + Words.share(best));
        }
        return new Reason(code(), "needs " + request.gpus() + " free " + (request.gpus() == 1 ? "GPU" : "GPUs")
                + " of " + Words.models(request) + Words.memoryClause(request) + " on one node; " + have
                + ", most free on one node: " + best);
    }
}

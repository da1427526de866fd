package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

/** Enough free host memory (nodes that do not report memory accept any request). */
public final class MemoryFilter implements NodeFilter {
    @Override
    public String code() {
        return "insufficient_memory";
    }

    @Override
    public boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        return usage.memoryFits(request.memoryMib());
    }

    @Override
    public long measure(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        return usage.freeMemoryMib();
    }

    @Override
    public Reason explain(ResourceRequest request, int rejected, int reached, long best) {
        return new Reason(code(), "needs " + request.memoryMib() + " MiB of free memory; " + Words.nodes(rejected)
                + " with the GPUs have less (most free: " + best + " MiB)");
    }
}

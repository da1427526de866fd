package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

/** Enough free CPU (nodes that do not report CPU accept any request). */
public final class CpuFilter implements NodeFilter {
    @Override
    public String code() {
        return "insufficient_cpu";
    }

    @Override
    public boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        return usage.cpuFits(request.cpuMilli());
    }

    @Override
    public long measure(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        return usage.freeCpuMilli();
    }

    @Override
    public Reason explain(ResourceRequest request, int rejected, int reached, long best) {
        return new Reason(code(), "needs " + Words.cores(request.cpuMilli()) + " free; " + Words.nodes(rejected)
                + " with the GPUs have less (most free: " + Words.cores(best) + ")");
    }
}

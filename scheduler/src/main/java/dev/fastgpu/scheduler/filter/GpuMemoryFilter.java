package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.GpuPicker;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

/** A job with a minimum GPU memory needs an allowed GPU with at least that much. */
public final class GpuMemoryFilter implements NodeFilter {
    @Override
    public String code() {
        return "gpu_memory";
    }

    @Override
    public boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        if (request.gpus() == 0 || request.minGpuMemoryMib() == 0) return true;
        for (Gpu g : node.gpus()) {
            if (GpuPicker.eligible(g, request)) return true;
        }
        return false;
    }

    @Override
    public long measure(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        long largest = 0;
        for (Gpu g : node.gpus()) {
            if (request.allowsModel(g.model())) largest = Math.max(largest, g.memoryMib());
        }
        return largest;
    }

    @Override
    public Reason explain(ResourceRequest request, int rejected, int reached, long best) {
        return new Reason(code(), "needs " + request.minGpuMemoryMib() + " MiB per GPU; "
                + Words.nodes(rejected) + " with " + Words.modelNames(request) + " have less (largest: " + best + " MiB)");
    }
}

package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

/** A GPU job needs a node with at least one GPU of an allowed model. */
public final class GpuModelFilter implements NodeFilter {
    @Override
    public String code() {
        return "gpu_model";
    }

    @Override
    public boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        if (request.gpus() == 0) return true;
        for (Gpu g : node.gpus()) {
            if (request.allowsModel(g.model())) return true;
        }
        return false;
    }

    @Override
    public Reason explain(ResourceRequest request, int rejected, int reached, long best) {
        String what = request.gpuModels().isEmpty() ? "GPUs" : "GPUs of " + Words.models(request);
        return new Reason(code(), Words.nodes(rejected) + (rejected == 1 ? " has" : " have") + " no " + what);
    }
}

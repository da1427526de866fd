package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.GpuPicker;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

/**
 * The GPUs must be free now: N fully free GPUs of one model, or one GPU with the requested share
 * left. Decided by {@link GpuPicker}, the same code that then chooses the indices.
 */
public final class GpuFreeFilter implements NodeFilter {
    @Override
    public String code() {
        return "insufficient_gpus";
    }

    @Override
    public boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        return GpuPicker.pick(node, usage, request, GpuPicker.Preference.BEST_FIT) != null;
    }

    /** Whole GPUs: most fully free suitable GPUs of one model; fractional: largest free share on one GPU. */
    @Override
    public long measure(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        var gpus = node.gpus();
        long best = 0;
        for (int i = 0; i < gpus.size(); i++) {
            Gpu gi = gpus.get(i);
            if (!GpuPicker.eligible(gi, request)) continue;
            if (request.isFractional()) {
                best = Math.max(best, usage.freeMilli(i));
                continue;
            }
            int n = 0;
            for (int j = 0; j < gpus.size(); j++) {
                Gpu gj = gpus.get(j);
                if (usage.freeMilli(j) == 1000 && gj.model().equals(gi.model()) && GpuPicker.eligible(gj, request)) n++;
            }
            best = Math.max(best, n);
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

package dev.fastgpu.scheduler.place;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Fit;
import dev.fastgpu.scheduler.GpuPicker;
import dev.fastgpu.scheduler.pass.ClusterState;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Places a gang: a request for more GPUs than any one node has. It takes whole free nodes of one
 * allowed model (nodes of the largest size for that model) and, for what is left, one more node
 * chosen by the pipeline. All or nothing: if any part fails, every part taken is given back.
 */
public final class GangPlacer {
    private final ClusterState state;
    private final PlacementPipeline pipeline;

    public GangPlacer(ClusterState state, PlacementPipeline pipeline) {
        this.state = state;
        this.pipeline = pipeline;
    }

    /** The request one node of a gang gets: {@code gpus} whole GPUs and a proportional (rounded up) share of CPU and memory. */
    public static ResourceRequest part(ResourceRequest gang, int gpus) {
        long cpu = ceilShare(gang.cpuMilli(), gpus, gang.gpus());
        long mem = ceilShare(gang.memoryMib(), gpus, gang.gpus());
        return new ResourceRequest(gpus, ResourceRequest.WHOLE, gang.gpuModels(), gang.minGpuMemoryMib(), cpu, mem, gang.nodeLabels());
    }

    private static long ceilShare(long total, int part, int whole) {
        return (total * part + whole - 1) / whole;
    }

    /** Places and commits the gang, or returns null having changed nothing. */
    public List<Choice> place(ResourceRequest request, NodeGuard guard) {
        for (int m : state.eligibleModels(request)) {
            List<Choice> parts = tryModel(request, m, guard);
            if (parts != null) return parts;
        }
        return null;
    }

    /** True when the gang would fit ignoring any guard; changes nothing. */
    public boolean wouldFit(ResourceRequest request) {
        List<Choice> parts = place(request, NodeGuard.ALLOW_ALL);
        if (parts == null) return false;
        for (Choice c : parts) state.give(c.node(), c.gpus(), c.milliPerGpu(), c.cpuMilli(), c.memoryMib());
        return true;
    }

    private List<Choice> tryModel(ResourceRequest request, int m, NodeGuard guard) {
        int size = state.maxPerNode(m);
        if (size == 0) return null;
        int wholeNodes = request.gpus() / size;
        int remainder = request.gpus() % size;
        if (state.freeWholeTotal(m) < request.gpus()) return null;
        ResourceRequest modelRequest = withModel(request, state.model(m));
        ResourceRequest wholePart = part(modelRequest, size);
        List<Choice> taken = new ArrayList<>();
        BitSet full = state.bucket(m, size);
        for (int n = full.nextSetBit(0); n >= 0 && taken.size() < wholeNodes; n = full.nextSetBit(n + 1)) {
            int[] gpus = Fit.pick(state.node(n), state.usage(n), wholePart, GpuPicker.Preference.BEST_FIT);
            if (gpus == null || !guard.allows(n, gpus, 1000, wholePart.cpuMilli(), wholePart.memoryMib())) continue;
            taken.add(new Choice(n, gpus, 1000, wholePart.cpuMilli(), wholePart.memoryMib(), 0));
        }
        if (taken.size() < wholeNodes) return null;
        for (Choice c : taken) state.take(c.node(), c.gpus(), 1000, c.cpuMilli(), c.memoryMib());
        if (remainder > 0) {
            Choice rest = pipeline.best(part(modelRequest, remainder), guard).choice();
            if (rest == null) {
                for (Choice c : taken) state.give(c.node(), c.gpus(), 1000, c.cpuMilli(), c.memoryMib());
                return null;
            }
            state.take(rest.node(), rest.gpus(), 1000, rest.cpuMilli(), rest.memoryMib());
            taken.add(rest);
        }
        return taken;
    }

    private static ResourceRequest withModel(ResourceRequest r, String model) {
        return new ResourceRequest(r.gpus(), r.milliPerGpu(), java.util.Set.of(model), r.minGpuMemoryMib(),
                r.cpuMilli(), r.memoryMib(), r.nodeLabels());
    }
}

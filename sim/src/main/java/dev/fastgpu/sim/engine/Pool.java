package dev.fastgpu.sim.engine;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.NodeSnapshot;

import java.util.List;

/**
 * The pooled node: one node whose GPUs are all one model. There any free GPU serves any request for
 * whole GPUs of that model that asks for nothing else, so the core's fit for such a request is a
 * count: it is placed exactly when the GPUs placed before it leave at least its count free. The
 * preemptive re-plan's shortcuts rest on this ({@link Simulator#everyActiveJobFits}, {@link IdealPass}).
 *
 * @param gpus  the node's GPU count
 * @param model their model
 */
record Pool(int gpus, String model) {
    /** The cluster as a pool, or null when it is not one node of one GPU model. */
    static Pool of(List<NodeSnapshot> nodes) {
        if (nodes.size() != 1 || nodes.getFirst().gpus().isEmpty()) return null;
        List<Gpu> gpus = nodes.getFirst().gpus();
        for (Gpu g : gpus) if (!g.model().equals(gpus.getFirst().model())) return null;
        return new Pool(gpus.size(), gpus.getFirst().model());
    }

    /** Whether the core's fit for {@code r} here is a count: whole GPUs (at least one) of the pool's model, nothing else asked for. */
    boolean counts(ResourceRequest r) {
        return r.gpus() > 0 && r.milliPerGpu() == ResourceRequest.WHOLE && r.allowsModel(model) && r.minGpuMemoryMib() == 0
                && r.cpuMilli() == 0 && r.memoryMib() == 0 && r.nodeLabels().isEmpty();
    }
}

package dev.fastgpu.sim.trace;

import java.util.Set;

/**
 * One pod of an Alibaba openb pod list.
 *
 * @param scheduledS when it was scheduled in the original cluster, or -1 when it never was
 */
public record OpenbPod(String name, int line, long cpuMilli, long memoryMib, int gpus, int gpuMilli,
                       Set<String> gpuModels, long creationS, long deletionS, long scheduledS) {
    public OpenbPod {
        gpuModels = Set.copyOf(gpuModels);
    }

    /** GPU demand in thousandths ({@code gpu_milli} for a shared GPU, 1000 per whole GPU). */
    public long gpuDemandMilli() {
        return gpus == 1 ? gpuMilli : gpus * 1000L;
    }
}

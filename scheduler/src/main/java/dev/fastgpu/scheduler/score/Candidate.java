package dev.fastgpu.scheduler.score;

import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;

/**
 * One feasible option a scorer rates: a node, its usage before the job, and the GPUs the job would
 * get there.
 *
 * @param node        the node
 * @param gpuModels   model id of each of the node's GPUs (ids of the pass's model table)
 * @param usage       what is free before the job lands; scorers must not modify it
 * @param gpus        the GPU indices the job would take
 * @param milliPerGpu share of each of those GPUs
 * @param cpuMilli    CPU the job takes
 * @param memoryMib   memory the job takes
 */
public record Candidate(NodeSnapshot node, int[] gpuModels, NodeUsage usage, int[] gpus, int milliPerGpu,
                        long cpuMilli, long memoryMib) {

    /** An option that takes no CPU or memory. */
    public Candidate(NodeSnapshot node, int[] gpuModels, NodeUsage usage, int[] gpus, int milliPerGpu) {
        this(node, gpuModels, usage, gpus, milliPerGpu, 0, 0);
    }

    /** Free share of GPU {@code i} after the job lands. */
    public int freeAfter(int i) {
        int free = usage.freeMilli(i);
        for (int g : gpus) {
            if (g == i) free -= milliPerGpu;
        }
        return free;
    }

    /** Share of the node's GPU capacity in use after the job lands, 0..1 (0 for a node without GPUs). */
    public double gpuUtilisationAfter() {
        return gpuUtilisationAfter(usage, gpus.length, milliPerGpu);
    }

    /**
     * The same for a job taking {@code gpus} GPUs at {@code milliPerGpu} each on a node used as
     * {@code usage}: it does not depend on which GPUs, so scorers can bound with it before they are chosen.
     */
    public static double gpuUtilisationAfter(NodeUsage usage, int gpus, int milliPerGpu) {
        int n = usage.gpuCount();
        if (n == 0) return 0;
        long free = usage.totalFreeMilli() - (long) gpus * milliPerGpu;
        return 1.0 - free / (1000.0 * n);
    }
}

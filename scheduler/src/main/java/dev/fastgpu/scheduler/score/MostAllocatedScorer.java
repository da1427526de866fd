package dev.fastgpu.scheduler.score;

import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;

/**
 * Packing: the fuller the node's GPUs after the job lands, the better (100 = the job fills the
 * node). Keeps empty nodes empty for large jobs.
 */
public final class MostAllocatedScorer implements NodeScorer {
    @Override
    public double score(Candidate c) {
        return 100.0 * c.gpuUtilisationAfter();
    }

    /** Exactly the score: it depends on how much the job takes, not on which GPUs. */
    @Override
    public double upperBound(NodeSnapshot node, NodeUsage usage, int gpus, int milliPerGpu) {
        return 100.0 * Candidate.gpuUtilisationAfter(usage, gpus, milliPerGpu);
    }

    /**
     * Such a node has at least {@code 1000 x wholeFree - gpus x milliPerGpu} free after the job and at
     * most {@code maxGpus} GPUs, so its share in use after the job is at most this one, computed the
     * same way (division and subtraction round monotonically).
     */
    @Override
    public double levelBound(int wholeFree, int maxGpus, int gpus, int milliPerGpu) {
        long free = 1000L * wholeFree - (long) gpus * milliPerGpu;
        if (free < 0 || maxGpus <= 0) return 100.0; // dividing a negative by more would not bound it
        return 100.0 * (1.0 - free / (1000.0 * maxGpus));
    }
}

package dev.fastgpu.scheduler.score;

import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;

/**
 * Spreading: the emptier the node's GPUs after the job lands, the better. Balances load across
 * nodes, so jobs share PCIe, CPU and network with fewer neighbours.
 */
public final class LeastAllocatedScorer implements NodeScorer {
    @Override
    public double score(Candidate c) {
        return c.usage().gpuCount() == 0 ? 100.0 : 100.0 * (1.0 - c.gpuUtilisationAfter());
    }

    /** Exactly the score: it depends on how much the job takes, not on which GPUs. */
    @Override
    public double upperBound(NodeSnapshot node, NodeUsage usage, int gpus, int milliPerGpu) {
        return usage.gpuCount() == 0 ? 100.0 : 100.0 * (1.0 - Candidate.gpuUtilisationAfter(usage, gpus, milliPerGpu));
    }
}

package dev.fastgpu.scheduler.score;

/**
 * Spreading: the emptier the node's GPUs after the job lands, the better. Balances load across
 * nodes, so jobs share PCIe, CPU and network with fewer neighbours.
 */
public final class LeastAllocatedScorer implements NodeScorer {
    @Override
    public double score(Candidate c) {
        return c.usage().gpuCount() == 0 ? 100.0 : 100.0 * (1.0 - c.gpuUtilisationAfter());
    }
}

package dev.fastgpu.scheduler.score;

/**
 * Packing: the fuller the node's GPUs after the job lands, the better (100 = the job fills the
 * node). Keeps empty nodes empty for large jobs.
 */
public final class MostAllocatedScorer implements NodeScorer {
    @Override
    public double score(Candidate c) {
        return 100.0 * c.gpuUtilisationAfter();
    }
}

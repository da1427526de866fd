package dev.fastgpu.scheduler.score;

import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;

/** Rates one feasible option on a fixed 0..100 scale (higher is better); weights are applied elsewhere. */
public interface NodeScorer {
    double score(Candidate candidate);

    /**
     * At least the {@link #score} of any option on {@code node}, as it is used now, for a job taking
     * {@code gpus} GPUs at {@code milliPerGpu} each, whichever GPUs it would get. A search skips a
     * node whose bound cannot beat the best option found so far without choosing its GPUs, so a
     * bound must never be below the score. The default, 100, bounds nothing.
     */
    default double upperBound(NodeSnapshot node, NodeUsage usage, int gpus, int milliPerGpu) {
        return 100.0;
    }

    /**
     * At least the {@link #score} of any option on any node of at most {@code maxGpus} GPUs with at
     * least {@code wholeFree} entirely free GPUs, for the same job. A search skips a whole level of
     * the free-GPU index with it. The default, 100, bounds nothing.
     */
    default double levelBound(int wholeFree, int maxGpus, int gpus, int milliPerGpu) {
        return 100.0;
    }
}

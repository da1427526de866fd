package dev.fastgpu.scheduler.score;

/** Rates one feasible option on a fixed 0..100 scale (higher is better); weights are applied elsewhere. */
public interface NodeScorer {
    double score(Candidate candidate);
}

package dev.fastgpu.scheduler.place;

import dev.fastgpu.scheduler.score.NodeScorer;

/** A scorer and its weight in the pipeline's sum. */
public record Weighted(NodeScorer scorer, double weight) {
}

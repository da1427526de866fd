package dev.fastgpu.scheduler.estimate;

import java.time.Duration;

/**
 * Settings of {@link HistoryPredictor}.
 *
 * @param window     finished runs remembered per history key (the most recent ones)
 * @param minSamples runs a key needs before it is trusted; otherwise the next, coarser key is used
 * @param quantile   which quantile of the remembered run times is predicted (0.5 = median); a
 *                   negative value predicts their mean instead
 * @param prior      prediction when there is no history at all
 */
public record HistoryPredictorConfig(int window, int minSamples, double quantile, Duration prior) {
    public HistoryPredictorConfig {
        if (window < 1) throw new IllegalArgumentException("window must be >= 1, got " + window);
        if (minSamples < 1 || minSamples > window) {
            throw new IllegalArgumentException("minSamples must be in 1.." + window + ", got " + minSamples);
        }
        if (!(quantile <= 1)) throw new IllegalArgumentException("quantile must be <= 1 (negative: mean), got " + quantile);
        if (prior.isNegative()) throw new IllegalArgumentException("prior must not be negative");
    }

    public static HistoryPredictorConfig defaults() {
        return new HistoryPredictorConfig(16, 2, 0.5, Duration.ofHours(1));
    }
}

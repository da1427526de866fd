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
 * @param burstGap   a submission this soon after the previous one of the same shape is part of a burst
 * @param retryGap   a later one, but this soon, is a retry; later still is fresh work. Both
 *                   {@link Duration#ZERO}: no submit context (history keys only)
 */
public record HistoryPredictorConfig(int window, int minSamples, double quantile, Duration prior,
                                     Duration burstGap, Duration retryGap) {
    public HistoryPredictorConfig {
        if (window < 1) throw new IllegalArgumentException("window must be >= 1, got " + window);
        if (minSamples < 1 || minSamples > window) {
            throw new IllegalArgumentException("minSamples must be in 1.." + window + ", got " + minSamples);
        }
        if (!(quantile <= 1)) throw new IllegalArgumentException("quantile must be <= 1 (negative: mean), got " + quantile);
        if (prior.isNegative()) throw new IllegalArgumentException("prior must not be negative");
        if (burstGap.isNegative() || retryGap.compareTo(burstGap) < 0) {
            throw new IllegalArgumentException("need 0 <= burstGap <= retryGap, got " + burstGap + " and " + retryGap);
        }
    }

    /** Median of the last 8 runs, submit context with a 1-minute burst gap and a 1-hour retry gap. */
    public static HistoryPredictorConfig defaults() {
        return new HistoryPredictorConfig(8, 2, 0.5, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(1));
    }

    /** Whether submissions are told apart by their gap to the previous one of the same shape. */
    public boolean usesSubmitContext() {
        return retryGap.isPositive();
    }

    public HistoryPredictorConfig withWindow(int w) {
        return new HistoryPredictorConfig(w, Math.min(minSamples, w), quantile, prior, burstGap, retryGap);
    }

    public HistoryPredictorConfig withQuantile(double q) {
        return new HistoryPredictorConfig(window, minSamples, q, prior, burstGap, retryGap);
    }

    public HistoryPredictorConfig withSubmitContext(Duration burst, Duration retry) {
        return new HistoryPredictorConfig(window, minSamples, quantile, prior, burst, retry);
    }
}

package dev.fastgpu.scheduler.estimate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key quantile of recent run times with fallbacks: the prediction for a job is the median (by
 * default) of the last few finished runs that share its most specific known key (user + name +
 * GPUs, then user + name, ..., then group + GPUs, then GPUs, then everything), skipping keys with
 * fewer than {@code minSamples} runs.
 *
 * <p>Why this model: GPU clusters are dominated by repeated submissions (sweeps, retries, the same
 * training script), so a job's closest relatives are the best evidence of its length, and a recent
 * window follows users as their work changes. Medians resist the heavy tail of run times. It needs
 * no training pass, learns online from each finished run, is cheap (a few hash look-ups), and the
 * basis of each prediction can be shown to users.
 */
public final class HistoryPredictor implements DurationPredictor {
    private final HistoryPredictorConfig config;
    private final Map<String, RecentRuns> history = new HashMap<>();
    private long observed;

    public HistoryPredictor(HistoryPredictorConfig config) {
        this.config = config;
    }

    public HistoryPredictor() {
        this(HistoryPredictorConfig.defaults());
    }

    @Override
    public void observe(FinishedRun run) {
        double s = run.runTime().toMillis() / 1000.0;
        for (HistoryKeys.Key key : HistoryKeys.of(run.features())) {
            history.computeIfAbsent(key.value(), k -> new RecentRuns(config.window())).add(s);
        }
        observed++;
    }

    @Override
    public Prediction predict(JobFeatures job) {
        List<HistoryKeys.Key> keys = HistoryKeys.of(job);
        for (HistoryKeys.Key key : keys) {
            RecentRuns runs = history.get(key.value());
            if (runs != null && runs.size() >= config.minSamples()) {
                return new Prediction(Duration.ofMillis(Math.round(statistic(runs) * 1000)), key.label(), runs.size());
            }
        }
        for (HistoryKeys.Key key : keys) { // too little history anywhere: take what there is
            RecentRuns runs = history.get(key.value());
            if (runs != null && runs.size() > 0) {
                return new Prediction(Duration.ofMillis(Math.round(statistic(runs) * 1000)), key.label(), runs.size());
            }
        }
        return new Prediction(config.prior(), "prior", 0);
    }

    private double statistic(RecentRuns runs) {
        return config.quantile() < 0 ? runs.mean() : runs.quantile(config.quantile());
    }

    /** Finished runs seen so far. */
    public long observed() {
        return observed;
    }
}

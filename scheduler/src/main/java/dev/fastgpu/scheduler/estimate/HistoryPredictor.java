package dev.fastgpu.scheduler.estimate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key median of recent run times with fallbacks, split by submit context. The prediction for
 * a job is the median (by default) of the last few finished runs that share its most specific
 * known key, skipping keys with fewer than {@code minSamples} runs. Keys, most specific first:
 * the job's shape (user + name + GPUs, ..., group + GPUs) in the same submit context, its GPU
 * count in the same context, then the shape, ..., the GPU count and everything without context.
 *
 * <p>The submit context ({@link SubmitContext}) is how long after the previous submission of the
 * same shape the job came: within a minute (a burst: one sweep), within an hour (a retry), or
 * later (fresh work). It is known at submit time and separates populations with very different
 * run times: on the Philly November 2017 slice the median run time is 758 s in bursts, 69-81 s for
 * retries and 5,641 s for fresh work a day later.
 *
 * <p>Why this model: GPU clusters are dominated by repeated submissions (sweeps, retries, the same
 * training script), so a job's closest relatives are the best evidence of its length, and a short
 * recent window follows users as their work changes. Medians resist the heavy tail of run times.
 * It needs no training pass, learns online from each finished run, is cheap (a few hash look-ups)
 * and the basis of each prediction can be shown to users.
 */
public final class HistoryPredictor implements DurationPredictor {
    private final HistoryPredictorConfig config;
    private final Map<String, RecentRuns> history = new HashMap<>();
    private final SubmitContext contexts;
    /** The history keys of each job submitted and not yet ended (see {@link #refresh}). */
    private final Map<String, List<HistoryKeys.Key>> waiting = new HashMap<>();
    private long observed;

    public HistoryPredictor(HistoryPredictorConfig config) {
        this.config = config;
        this.contexts = config.usesSubmitContext() ? new SubmitContext(config.burstGap(), config.retryGap()) : null;
    }

    public HistoryPredictor() {
        this(HistoryPredictorConfig.defaults());
    }

    @Override
    public void observe(FinishedRun run) {
        double s = run.runTime().toMillis() / 1000.0;
        waiting.remove(run.jobId());
        String context = contexts == null ? null : contexts.ended(run.jobId());
        for (HistoryKeys.Key key : HistoryKeys.of(run.features(), context)) {
            history.computeIfAbsent(key.value(), k -> new RecentRuns(config.window())).add(s);
        }
        observed++;
    }

    @Override
    public Prediction predict(String jobId, JobFeatures job) {
        String context = contexts == null ? null
                : contexts.submitted(jobId, HistoryKeys.shape(job), job.submittedAt().toEpochMilli());
        List<HistoryKeys.Key> keys = HistoryKeys.of(job, context);
        waiting.put(jobId, keys);
        return predict(keys);
    }

    /** Jobs submitted and not yet ended are remembered (their keys, never a run time) until their run ends. */
    @Override
    public Prediction refresh(String jobId) {
        List<HistoryKeys.Key> keys = waiting.get(jobId);
        return keys == null ? null : predict(keys);
    }

    /**
     * Keys are tried as for a prediction (trusted keys first, most specific first), skipping those
     * whose runs are all no longer than {@code longerThanS}: a job that has outrun its closest
     * relatives is judged by the broader population that still holds longer runs.
     */
    @Override
    public double[] runTimes(String jobId, double longerThanS) {
        List<HistoryKeys.Key> keys = waiting.get(jobId);
        if (keys == null) return null;
        for (int pass = 0; pass < 2; pass++) {
            for (HistoryKeys.Key key : keys) {
                RecentRuns runs = history.get(key.value());
                if (runs == null || (pass == 0 ? runs.size() < config.minSamples() : runs.size() >= config.minSamples())) continue;
                if (runs.longest() > longerThanS) return runs.sorted(); // an empty history's longest is -infinity
            }
        }
        return null;
    }

    private Prediction predict(List<HistoryKeys.Key> keys) {
        for (HistoryKeys.Key key : keys) {
            RecentRuns runs = history.get(key.value());
            if (runs != null && runs.size() >= config.minSamples()) return prediction(key, runs);
        }
        for (HistoryKeys.Key key : keys) { // too little history anywhere: take what there is
            RecentRuns runs = history.get(key.value());
            if (runs != null && runs.size() > 0) return prediction(key, runs);
        }
        return new Prediction(config.prior(), "prior", 0);
    }

    private Prediction prediction(HistoryKeys.Key key, RecentRuns runs) {
        double s = config.quantile() < 0 ? runs.mean() : runs.quantile(config.quantile());
        return new Prediction(Duration.ofMillis(Math.round(s * 1000)), key.label(), runs.size());
    }

    /** Finished runs seen so far. */
    public long observed() {
        return observed;
    }
}

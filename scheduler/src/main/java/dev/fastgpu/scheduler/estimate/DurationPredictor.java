package dev.fastgpu.scheduler.estimate;

/**
 * Predicts run times from finished runs. Callers feed runs in the order they finish
 * ({@link #observe}) and ask for a prediction when a job is submitted ({@link #predict}); an
 * implementation must use nothing else, so it can never see a job's own run time before it ends.
 */
public interface DurationPredictor {
    void observe(FinishedRun run);

    Prediction predict(JobFeatures job);
}

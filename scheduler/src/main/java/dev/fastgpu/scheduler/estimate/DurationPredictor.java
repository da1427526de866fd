package dev.fastgpu.scheduler.estimate;

import java.time.Instant;

/**
 * Predicts run times from what a scheduler knows at the moment it asks: the runs that have
 * finished ({@link #observe}) and the runs that are still going and for how long they have run
 * ({@link #started}; their elapsed time is a lower bound of their run time). Callers report
 * starts and ends in time order and ask for a prediction when a job is submitted
 * ({@link #predict}); an implementation must use nothing else, so it can never see a job's own
 * run time, or any other run time, before that run ends.
 */
public interface DurationPredictor {
    /** A job began running at {@code at}. Optional: predictors that only learn from finished runs ignore it. */
    default void started(String jobId, JobFeatures features, Instant at) {}

    /** A run ended (also ends what {@link #started} began for the same id). */
    void observe(FinishedRun run);

    /** The predicted run time of a job being submitted at {@code job.submittedAt()}. */
    Prediction predict(JobFeatures job);
}

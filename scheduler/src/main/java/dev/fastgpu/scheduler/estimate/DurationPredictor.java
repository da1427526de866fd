package dev.fastgpu.scheduler.estimate;

/**
 * Predicts run times from what a scheduler knows when a job is submitted: the job's own request
 * and submit time, the submissions before it, and the runs that have already finished. Callers
 * ask for a prediction once per job, when it is submitted ({@link #predict}), and report runs in
 * the order they end ({@link #observe}); an implementation must use nothing else, so it can never
 * see a job's own run time, or any run time before that run has ended.
 */
public interface DurationPredictor {
    /** A run ended. */
    void observe(FinishedRun run);

    /**
     * The predicted run time of job {@code jobId}, submitted now ({@code job.submittedAt()}).
     * Called once per job, in submit order; a predictor may remember the submission (its features
     * and time, never its run time, which is unknown until {@link #observe}).
     */
    Prediction predict(String jobId, JobFeatures job);

    /**
     * The prediction for job {@code jobId}, submitted earlier through {@link #predict} and not yet
     * ended, made again from the history known now: the same features and submit context as at
     * submit time, with the runs that have ended since. Null when the job is unknown (never
     * submitted, or already ended) or the predictor does not learn between submit and start.
     * Like {@link #predict}, it never sees the job's own run time.
     */
    default Prediction refresh(String jobId) {
        return null;
    }

    /**
     * The run times (seconds, ascending) of the finished runs most like job {@code jobId}, submitted
     * earlier through {@link #predict} and not yet ended, from the history known now: the sample of
     * the most specific history key that is trusted and holds a run longer than {@code longerThanS}
     * (the service the job has already had). Null when there is none, or the predictor keeps no
     * samples. Callers must not change the array; it stays the same object while that key's history
     * does not change. Like {@link #predict}, it never sees the job's own run time.
     */
    default double[] runTimes(String jobId, double longerThanS) {
        return null;
    }
}

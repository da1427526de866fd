package dev.fastgpu.scheduler.estimate;

import java.time.Duration;
import java.time.Instant;

/** A run that has ended: its id, the features it was submitted with and how long it actually ran. */
public record FinishedRun(String jobId, JobFeatures features, Duration runTime, Instant finishedAt) {
    public FinishedRun {
        jobId = jobId == null ? "" : jobId;
        if (runTime.isNegative()) throw new IllegalArgumentException("run time must not be negative: " + runTime);
    }
}

package dev.fastgpu.scheduler.estimate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a submission relates to the previous one of the same shape (the job's most specific
 * history key, e.g. the same VC and GPU count): within {@code burst} of it (one sweep submitted
 * at once), within {@code retry} of it (a resubmission after a quick failure or a fix), or later
 * (fresh work). Each job's context is fixed at submit time and remembered until its run ends.
 */
final class SubmitContext {
    static final String BURST = "burst", RETRY = "retry", FRESH = "fresh";

    private final long burstMs;
    private final long retryMs;
    private final Map<String, Long> lastSubmitMs = new HashMap<>();
    private final Map<String, String> byJob = new HashMap<>();

    SubmitContext(Duration burst, Duration retry) {
        this.burstMs = burst.toMillis();
        this.retryMs = retry.toMillis();
    }

    /** Records a submission of {@code shape} and returns its context. */
    String submitted(String jobId, String shape, long atMs) {
        Long previous = lastSubmitMs.put(shape, atMs);
        String c = previous == null ? FRESH : classify(atMs - previous);
        byJob.put(jobId, c);
        return c;
    }

    private String classify(long gapMs) {
        if (gapMs < burstMs) return BURST;
        if (gapMs < retryMs) return RETRY;
        return FRESH;
    }

    /** The context a job was submitted in, forgotten afterwards (its run has ended); null if never seen. */
    String ended(String jobId) {
        return byJob.remove(jobId);
    }
}

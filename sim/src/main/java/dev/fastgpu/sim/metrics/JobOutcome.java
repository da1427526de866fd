package dev.fastgpu.sim.metrics;

/**
 * How one job fared in a replay (times in ms of the trace's clock).
 *
 * @param predictedMs the learned policy's prediction at submit (with refreshed predictions: the last one before it started), or -1
 * @param capped      whether the learned policy's wait cap moved it to the head of the queue
 */
public record JobOutcome(String id, String group, String owner, int gpus, int milliPerGpu, long submitMs,
                         long durationMs, long firstStartMs, long finishMs, int preemptions, long predictedMs,
                         boolean capped) {
    public long jctMs() {
        return finishMs - submitMs;
    }

    public long queueMs() {
        return firstStartMs - submitMs;
    }

    /** Bounded slowdown with the usual 10 s bound: max(1, JCT / max(duration, 10 s)). */
    public double boundedSlowdown() {
        return Math.max(1.0, (double) jctMs() / Math.max(durationMs, 10_000L));
    }
}

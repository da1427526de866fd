package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.estimate.HistoryPredictorConfig;

/**
 * How one replay runs.
 *
 * @param policy           queue policy
 * @param placement        node choice, passed to the core
 * @param checkpointMs     preemption cost: a victim keeps its GPUs this long while it saves, and
 *                         needs this long again to restore when it restarts (0 = free preemption)
 * @param lasThresholdGpuS 2D-LAS: GPU-seconds of attained service after which a job drops to the low queue
 * @param waitCapMs        learned, learned-preemptive: a job waiting longer than this (since its
 *                         submission) jumps to the head of the queue (starvation guard; see also
 *                         {@code waitCapReserves}); 0 turns the guard off
 * @param predictor        learned, learned-preemptive: settings of the history predictor
 * @param maxCandidates    passed to the core (0 = score every feasible node)
 * @param refreshPredictions learned: before each pass after runs ended, predict every waiting job
 *                         again from the history known now (off: each job keeps its submit-time
 *                         prediction). Off by default: measured mixed on held-out windows (sim README)
 * @param waitCapReserves  learned: a wait-capped job also gets an EASY reservation (reserving
 *                         backfill while it waits), so later jobs cannot keep taking the GPUs it
 *                         needs. Off by default: on the Philly slice at 50 nodes with a 72 h cap,
 *                         reservations built from predicted run times blocked enough backfill that
 *                         mean JCT rose from 16,249 s to 16,777 s (longest wait 165 h down to 132 h)
 */
public record SimOptions(Policy policy, PlacementStrategy placement, long checkpointMs, double lasThresholdGpuS,
                         long waitCapMs, HistoryPredictorConfig predictor, int maxCandidates,
                         boolean refreshPredictions, boolean waitCapReserves) {
    public SimOptions {
        if (checkpointMs < 0) throw new IllegalArgumentException("checkpoint cost must not be negative");
        if (lasThresholdGpuS <= 0) throw new IllegalArgumentException("the LAS threshold must be > 0 GPU-seconds");
        if (waitCapMs < 0) throw new IllegalArgumentException("the wait cap must not be negative");
    }

    public static SimOptions of(Policy policy, PlacementStrategy placement) {
        return new SimOptions(policy, placement, 0, 3600, 72 * 3_600_000L, HistoryPredictorConfig.defaults(), 0, false, false);
    }

    public SimOptions withPolicy(Policy p) {
        return new SimOptions(p, placement, checkpointMs, lasThresholdGpuS, waitCapMs, predictor, maxCandidates, refreshPredictions, waitCapReserves);
    }

    public SimOptions withCheckpointMs(long ms) {
        return new SimOptions(policy, placement, ms, lasThresholdGpuS, waitCapMs, predictor, maxCandidates, refreshPredictions, waitCapReserves);
    }

    public SimOptions withWaitCapMs(long ms) {
        return new SimOptions(policy, placement, checkpointMs, lasThresholdGpuS, ms, predictor, maxCandidates, refreshPredictions, waitCapReserves);
    }

    public SimOptions withLasThreshold(double gpuS) {
        return new SimOptions(policy, placement, checkpointMs, gpuS, waitCapMs, predictor, maxCandidates, refreshPredictions, waitCapReserves);
    }

    public SimOptions withPredictor(HistoryPredictorConfig cfg) {
        return new SimOptions(policy, placement, checkpointMs, lasThresholdGpuS, waitCapMs, cfg, maxCandidates, refreshPredictions, waitCapReserves);
    }

    public SimOptions withRefreshPredictions(boolean on) {
        return new SimOptions(policy, placement, checkpointMs, lasThresholdGpuS, waitCapMs, predictor, maxCandidates, on, waitCapReserves);
    }

    public SimOptions withWaitCapReserves(boolean on) {
        return new SimOptions(policy, placement, checkpointMs, lasThresholdGpuS, waitCapMs, predictor, maxCandidates, refreshPredictions, on);
    }
}

package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.estimate.DurationPredictor;
import dev.fastgpu.scheduler.estimate.FinishedRun;
import dev.fastgpu.scheduler.estimate.GittinsIndex;
import dev.fastgpu.scheduler.estimate.JobFeatures;
import dev.fastgpu.scheduler.estimate.Prediction;

/**
 * {@code learned-preemptive}: ranks every active job by its Gittins index ({@link GittinsIndex})
 * over the run times of finished jobs like it (the history predictor's sample for the job's most
 * specific trusted key that still holds a run longer than the job's attained service). The rank
 * handed to the core is the index's reciprocal, as the job's estimate under shortest-first order;
 * a job past the wait cap gets 0 and goes first. A waiting job's rank is recomputed when a run has
 * ended since (the history changed); a running job's when its quantum ends.
 *
 * <p>A running job keeps the rank it started its quantum with until the quantum ends (a
 * discretisation, as Tiresias' queues are). Recomputing it at every event instead made jobs of equal
 * history and service trade places at every event (processor sharing in millisecond slices,
 * millions of preemptions, a replay of the Philly slice that did not end in 10 minutes).
 *
 * <p>It wraps the predictor: runs are observed through it (so it knows when the history changed
 * and a waiting job's cached rank must be recomputed), and it never reads a job's own duration or
 * remaining time, only the service the job has attained (what a real scheduler meters).
 *
 * <p>The rank is expected GPU-seconds per completion (the run-time rank times the job's GPU count),
 * as in Tiresias' 2D service; a waiting job's rank carries its own restore (if it was preempted)
 * and the switch cost of displacing a running job (a save and a restore, {@link #SWITCH}).
 */
final class GittinsRanker implements DurationPredictor {
    /*
     * Two choices measured on the Philly slice (full file), kept without a switch:
     * - service in GPU-seconds (rank x GPUs): 13,984 s mean JCT at 50 nodes and 12,300 s at 60 with
     *   no checkpoint cost, against 14,340 / 12,365 s ranking by seconds of run time;
     * - a waiting job must beat a running one by the switch cost, a save and a restore
     *   ({@link #SWITCH}): with 120 s checkpoints at 50 nodes, 15,290 s with it and 15,642 s without
     *   (both measured ranking by seconds of run time).
     */
    /** Checkpoint costs a waiting job must beat a running one by: displacing it costs the victim a save and a restore. */
    private static final double SWITCH = 2;

    private final DurationPredictor history;
    private final double restoreS;
    private final double priorS;
    /** Runs observed so far: a waiting job's rank only changes when this does. */
    private long observed;

    GittinsRanker(DurationPredictor history, SimOptions options) {
        this.history = history;
        this.restoreS = options.checkpointMs() / 1000.0;
        this.priorS = options.predictor().prior().toMillis() / 1000.0;
    }

    @Override
    public void observe(FinishedRun run) {
        observed++;
        history.observe(run);
    }

    @Override
    public Prediction predict(String jobId, JobFeatures job) {
        return history.predict(jobId, job);
    }

    @Override
    public Prediction refresh(String jobId) {
        return history.refresh(jobId);
    }

    @Override
    public double[] runTimes(String jobId, double longerThanS) {
        return history.runTimes(jobId, longerThanS);
    }

    /** The job's estimate for the core now, in ms: the reciprocal of its index (0 once wait-capped). */
    long rankMs(SimJob job, long nowMs) {
        if (job.capped) return 0;
        rank(job, nowMs);
        return job.rankMs;
    }

    /** When the running job's current quantum ends (its rank changes if it has not finished), or -1 for no such time. */
    long quantumEndMs(SimJob job, long nowMs) {
        if (job.capped) return -1;
        rank(job, nowMs);
        return job.quantumMs > 0 ? nowMs + job.quantumMs : -1;
    }

    private void rank(SimJob job, long nowMs) {
        boolean running = job.phase == SimJob.Phase.RUNNING;
        if (running && job.rankEpoch == job.epoch && nowMs < job.rankUntilMs) return; // within its quantum
        double attainedS = JobMapper.attainedGpuMs(job, nowMs) / Math.max(1, job.trace.gpus()) / 1000.0;
        if (!running && job.rankObserved == observed && job.rankAttainedS == attainedS) return; // a waiting job, same history
        // a preempted job pays the restore before it gains any further service
        double extraS = running ? 0 : (job.preemptions > 0 ? restoreS : 0) + SWITCH * restoreS;
        double[] sample = history.runTimes(job.id(), attainedS);
        GittinsIndex.Rank r = sample == null ? null : GittinsIndex.of(sample, attainedS, extraS);
        double seconds, quantumS;
        if (r != null) {
            seconds = r.seconds();
            quantumS = r.quantumS();
        } else if (attainedS < priorS) { // no history at all: the prior as the one known run time
            seconds = priorS - attainedS + extraS;
            quantumS = priorS - attainedS;
        } else { // longer than every run known: expected to run as long again (heavy tails), judged again when it has
            seconds = attainedS + extraS;
            quantumS = attainedS;
        }
        seconds *= Math.max(1, job.trace.gpus());
        job.rankMs = Math.max(1, Math.round(seconds * 1000));
        job.quantumMs = quantumS > 0 ? Math.max(1, (long) Math.ceil(quantumS * 1000)) : 0;
        job.rankObserved = observed;
        job.rankAttainedS = attainedS;
        job.rankEpoch = job.epoch;
        job.rankUntilMs = running && job.quantumMs > 0 ? nowMs + job.quantumMs : running ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
}

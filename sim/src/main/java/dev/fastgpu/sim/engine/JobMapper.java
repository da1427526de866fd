package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Placement;
import dev.fastgpu.scheduler.estimate.JobFeatures;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the simulator's jobs into the core's types: the {@link PendingJob} whose priority and
 * estimate carry the policy (see {@link Policy}), and the {@link Allocation}s of a placement.
 */
final class JobMapper {
    private final SimOptions options;
    /** learned-preemptive: the ranks; null for other policies. */
    private final GittinsRanker ranker;

    JobMapper(SimOptions options, GittinsRanker ranker) {
        this.options = options;
        this.ranker = ranker;
    }

    /** The job as the core should see it now: oracle estimates, predictions, LAS/SRTF priorities. */
    PendingJob pending(SimJob job, long nowMs) {
        return new PendingJob(job.id(), job.request, priority(job, nowMs), options.policy().preemptive(),
                Instant.ofEpochMilli(job.trace.submitMs()), estimate(job, nowMs), job.trace.owner());
    }

    /**
     * As {@link #pending}, reusing {@code job.pending} when its priority and estimate are still the
     * same (a queued job's, and under LAS most jobs' between demotions): an equal record, no allocation.
     */
    PendingJob refreshed(SimJob job, long nowMs) {
        PendingJob known = job.pending;
        if (known != null && known.priority() == priority(job, nowMs)) {
            Duration e = known.estimate();
            long ms = estimateMs(job, nowMs);
            if (e == null ? ms < 0 : ms >= 0 && e.toMillis() == ms && e.getNano() % 1_000_000 == 0) return known;
        }
        return pending(job, nowMs);
    }

    /** The estimate in ms, or -1 for none; the same value {@link #estimate} gives. */
    private long estimateMs(SimJob job, long nowMs) {
        return switch (options.policy()) {
            case SJF_ORACLE, SJF_ORACLE_BACKFILL -> job.trace.durationMs();
            case SRTF_ORACLE -> remainingMs(job, nowMs);
            case LEARNED -> job.capped ? 0 : job.predictedMs;
            case LEARNED_PREEMPTIVE -> ranker.rankMs(job, nowMs);
            default -> -1;
        };
    }

    private int priority(SimJob job, long nowMs) {
        return switch (options.policy()) {
            case SRTF_ORACLE -> (int) -Math.min(Integer.MAX_VALUE, remainingMs(job, nowMs) / 1000);
            case LAS -> attainedGpuMs(job, nowMs) < options.lasThresholdGpuS() * 1000 ? 1 : 0;
            default -> 0;
        };
    }

    private Duration estimate(SimJob job, long nowMs) {
        return switch (options.policy()) {
            case SJF_ORACLE, SJF_ORACLE_BACKFILL -> Duration.ofMillis(job.trace.durationMs());
            case SRTF_ORACLE -> Duration.ofMillis(remainingMs(job, nowMs));
            case LEARNED -> job.capped ? Duration.ZERO : Duration.ofMillis(job.predictedMs);
            case LEARNED_PREEMPTIVE -> Duration.ofMillis(ranker.rankMs(job, nowMs));
            default -> null;
        };
    }

    static long remainingMs(SimJob job, long nowMs) {
        return job.phase == SimJob.Phase.RUNNING ? job.remainingMs - (nowMs - job.segmentStartMs) : job.remainingMs;
    }

    static double attainedGpuMs(SimJob job, long nowMs) {
        double running = job.phase == SimJob.Phase.RUNNING ? (double) job.trace.gpus() * (nowMs - job.segmentStartMs) : 0;
        return job.attainedGpuMs + running;
    }

    /** One allocation per node of the placement, as the server would record them. */
    List<Allocation> allocations(SimJob job, Placement placement, long nowMs) {
        List<Allocation> out = new ArrayList<>(placement.assignments().size());
        // learned: the running job's predicted run time, also for a wait-capped job (its queue estimate 0 only orders the queue)
        Duration estimate = options.policy() == Policy.LEARNED ? Duration.ofMillis(job.predictedMs) : job.pending.estimate();
        for (Placement.NodeAssignment a : placement.assignments()) {
            out.add(new Allocation(job.id(), a.nodeId(), a.gpuIndices(), a.milliPerGpu(), a.cpuMilli(), a.memoryMib(),
                    job.pending.priority(), job.pending.preemptible(), Instant.ofEpochMilli(nowMs), estimate, false));
        }
        return out;
    }

    static List<Allocation> releasing(List<Allocation> allocations) {
        List<Allocation> out = new ArrayList<>(allocations.size());
        for (Allocation a : allocations) {
            out.add(new Allocation(a.jobId(), a.nodeId(), a.gpuIndices(), a.milliPerGpu(), a.cpuMilli(), a.memoryMib(),
                    a.priority(), a.preemptible(), a.startedAt(), a.estimate(), true));
        }
        return out;
    }

    /** What a real scheduler knows about the job at submit time (never its duration). */
    static JobFeatures features(SimJob job) {
        return new JobFeatures(job.trace.user(), job.trace.group(), job.trace.name(), job.trace.gpus(),
                Instant.ofEpochMilli(job.trace.submitMs()));
    }
}

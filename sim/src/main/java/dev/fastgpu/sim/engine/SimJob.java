package dev.fastgpu.sim.engine;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.sim.trace.TraceJob;

import java.util.List;

/** The simulator's mutable record of one job: where it is in its life and what it has consumed. */
final class SimJob {
    enum Phase { FUTURE, QUEUED, RUNNING, CHECKPOINTING, DONE }

    final TraceJob trace;
    final ResourceRequest request;
    Phase phase = Phase.FUTURE;
    /** Work left, ms (restore cost included once the job has been preempted). */
    long remainingMs;
    /** When the current run segment started, or -1. */
    long segmentStartMs = -1;
    long firstStartMs = -1;
    long finishMs = -1;
    /** GPU-ms of service attained over all finished segments. */
    double attainedGpuMs;
    int preemptions;
    /** Bumped on every start/stop so stale events are ignored. */
    int epoch;
    /** learned: the predicted run time at submit (or as last refreshed while waiting), ms (-1 when not predicted). */
    long predictedMs = -1;
    /** learned: waited past the cap, now at the head of the queue. */
    boolean capped;
    /** learned-preemptive ({@link GittinsRanker}): the last rank, its quantum, and the history and service it was computed from. */
    long rankMs, quantumMs;
    long rankObserved = -1, rankUntilMs;
    int rankEpoch = -1;
    double rankAttainedS;
    /** The pending-job form handed to the core; rebuilt when its priority or estimate changes. */
    PendingJob pending;
    List<Allocation> allocations = List.of();
    /** Preemptive policies: the stamp of the last re-plan that listed this job (see {@code Simulator.ranked}). */
    long listed;

    SimJob(TraceJob trace, ResourceRequest request) {
        this.trace = trace;
        this.request = request;
        this.remainingMs = trace.durationMs();
    }

    String id() {
        return trace.id();
    }
}

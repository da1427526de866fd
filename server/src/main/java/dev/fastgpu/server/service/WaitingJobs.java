package dev.fastgpu.server.service;

import dev.fastgpu.api.ReasonView;
import dev.fastgpu.store.JobRecord;

/**
 * What the scheduling loop knows about queued jobs and the store does not keep: why each one
 * waited at the last pass, and its place in the queue. Both live in memory only; they are
 * recomputed by every pass, so nothing of them needs to survive a restart.
 */
public interface WaitingJobs {
    /** Why a queued job waited at the last pass; null when the job is not queued or no pass has seen it yet. */
    ReasonView reason(JobRecord job);

    /** The 1-based place of a queued job in the scheduler's queue order; null when the job is not queued. */
    Integer position(JobRecord job);
}

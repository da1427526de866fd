package dev.fastgpu.scheduler;

import dev.fastgpu.model.ResourceRequest;

import java.time.Duration;
import java.time.Instant;

/**
 * A job waiting for placement.
 *
 * @param id          job id (ties in every ordering are broken by submit time, then by id)
 * @param request     what it needs
 * @param priority    higher runs first under priority ordering and may preempt lower ones
 * @param preemptible whether it may be evicted once running (carried into its allocation)
 * @param submittedAt when it entered the queue
 * @param estimate    expected run time, or null when unknown (backfill and shortest-first use it)
 * @param owner       user (or VC) the job belongs to, for fairness and reasons; never null
 */
public record PendingJob(String id, ResourceRequest request, int priority, boolean preemptible,
                         Instant submittedAt, Duration estimate, String owner) {
}

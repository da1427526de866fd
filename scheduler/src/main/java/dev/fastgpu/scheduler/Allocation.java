package dev.fastgpu.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Resources held by one job that was placed earlier (scheduled, starting or running).
 * A gang job holds one allocation per node, all with the same job id.
 *
 * @param jobId        the job holding the resources
 * @param nodeId       where
 * @param gpuIndices   device indices on that node
 * @param milliPerGpu  share of each listed GPU, 1..1000
 * @param cpuMilli     CPU held
 * @param memoryMib    memory held
 * @param priority     the job's priority (higher wins); used to choose preemption victims
 * @param preemptible  whether a higher-priority job may evict it
 * @param startedAt    when it started (or was placed); lost work is measured from here
 * @param estimate     expected total run time, or null when unknown; used for backfill reservations
 * @param releasing    true when the job is already being stopped (preempted or cancelled): its
 *                     resources are still held, but it can not be chosen as a victim again
 */
public record Allocation(String jobId, String nodeId, List<Integer> gpuIndices, int milliPerGpu,
                         long cpuMilli, long memoryMib, int priority, boolean preemptible,
                         Instant startedAt, Duration estimate, boolean releasing) {
    public Allocation {
        gpuIndices = List.copyOf(gpuIndices);
    }
}

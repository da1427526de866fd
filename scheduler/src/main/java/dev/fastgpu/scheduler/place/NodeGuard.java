package dev.fastgpu.scheduler.place;

/**
 * A last say on a feasible option, used by reserving backfill: may this job take these resources
 * on this node without delaying the job that holds a reservation?
 */
@FunctionalInterface
public interface NodeGuard {
    NodeGuard ALLOW_ALL = (node, gpus, milliPerGpu, cpuMilli, memoryMib) -> true;

    boolean allows(int node, int[] gpus, int milliPerGpu, long cpuMilli, long memoryMib);
}

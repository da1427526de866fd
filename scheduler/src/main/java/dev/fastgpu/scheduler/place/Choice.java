package dev.fastgpu.scheduler.place;

/**
 * A chosen spot for (part of) a job: node index in the pass, GPU indices, share per GPU, CPU and
 * memory.
 */
public record Choice(int node, int[] gpus, int milliPerGpu, long cpuMilli, long memoryMib, double score) {
}

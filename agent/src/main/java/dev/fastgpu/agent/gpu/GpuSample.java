package dev.fastgpu.agent.gpu;

/**
 * One reading of one GPU.
 *
 * @param index          device index
 * @param utilizationPct GPU utilisation in percent, or -1 when the driver did not say
 * @param memoryUsedMib  device memory in use, or -1 when unknown
 * @param powerWatts     power draw in watts, or -1 when unknown ("[N/A]" on some boards)
 */
public record GpuSample(int index, double utilizationPct, long memoryUsedMib, double powerWatts) {}

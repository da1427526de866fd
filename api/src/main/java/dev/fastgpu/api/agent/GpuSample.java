package dev.fastgpu.api.agent;

import java.time.Instant;

/**
 * One measurement of one GPU used by an allocation.
 *
 * @param at              when
 * @param gpuIndex        device index
 * @param utilPercent     GPU utilisation 0..100
 * @param memoryUsedMib   memory in use
 * @param powerWatts      power draw
 */
public record GpuSample(Instant at, int gpuIndex, double utilPercent, long memoryUsedMib, double powerWatts) {
}

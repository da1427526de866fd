package dev.fastgpu.api.agent;

import java.time.Instant;

/**
 * One GPU's use by an allocation over a span: the agent reads its GPUs once a second and sends, for each
 * span since its last sample (the sample interval, or up to the job's end), the mean of those readings.
 *
 * @param at              the last reading of the span
 * @param gpuIndex        device index
 * @param utilPercent     mean GPU utilisation over the span, 0..100; -1 when the board reported none
 * @param memoryUsedMib   highest memory in use during the span
 * @param powerWatts      mean power draw over the span; -1 when the board reported none ("[N/A]")
 */
public record GpuSample(Instant at, int gpuIndex, double utilPercent, long memoryUsedMib, double powerWatts) {
}

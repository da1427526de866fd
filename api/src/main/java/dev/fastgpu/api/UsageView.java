package dev.fastgpu.api;

/**
 * What a job used and cost so far (running jobs: up to now).
 *
 * @param gpuSeconds         GPUs x seconds running (fractional shares count pro rata)
 * @param wallSeconds        seconds from start to finish (or to now)
 * @param costUsd            gpuSeconds / 3600 x the configured price per GPU hour of the job's GPU model
 * @param pricePerGpuHourUsd the price that was applied; for a job that has not run, the lowest price among the GPU
 *                           models it may get (the one model it asks for, or those of the nodes that could run it)
 * @param avgGpuUtilPercent  mean GPU utilisation over the run (each sample weighs as much as the span it covers), or
 *                           null without a sample that has one
 * @param peakGpuMemoryMib   highest GPU memory seen in one sample, or null
 * @param energyKwh          GPU energy over the run: each power sample (a mean over the span since the previous one,
 *                           the first from the start) times its span, the last held to the end; a share of a GPU
 *                           counts that share of its power; null without a power reading
 * @param maxPricePerGpuHourUsd for a job that has not run and may get GPU models of different prices, the highest of
 *                           them; otherwise null (the price is {@code pricePerGpuHourUsd})
 */
public record UsageView(double gpuSeconds, double wallSeconds, double costUsd, double pricePerGpuHourUsd,
                        Double avgGpuUtilPercent, Long peakGpuMemoryMib, Double energyKwh, Double maxPricePerGpuHourUsd) {
}

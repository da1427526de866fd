package dev.fastgpu.api;

/**
 * What a job used and cost so far (running jobs: up to now).
 *
 * @param gpuSeconds         GPUs x seconds running (fractional shares count pro rata)
 * @param wallSeconds        seconds from start to finish (or to now)
 * @param costUsd            gpuSeconds / 3600 x the configured price per GPU hour of the job's GPU model
 * @param pricePerGpuHourUsd the price that was applied; for a job that has not run, the lowest price among the GPU
 *                           models it may get (the one model it asks for, or those of the nodes that could run it)
 * @param avgGpuUtilPercent  mean GPU utilisation over the samples, or null without samples
 * @param peakGpuMemoryMib   highest GPU memory seen in one sample, or null
 * @param energyKwh          GPU energy over the run from the power samples (before the first sample and after the
 *                           last, their power is held; a share of a GPU counts that share of its power), or null
 * @param maxPricePerGpuHourUsd for a job that has not run and may get GPU models of different prices, the highest of
 *                           them; otherwise null (the price is {@code pricePerGpuHourUsd})
 */
public record UsageView(double gpuSeconds, double wallSeconds, double costUsd, double pricePerGpuHourUsd,
                        Double avgGpuUtilPercent, Long peakGpuMemoryMib, Double energyKwh, Double maxPricePerGpuHourUsd) {
}

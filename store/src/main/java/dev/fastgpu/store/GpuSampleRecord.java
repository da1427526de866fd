package dev.fastgpu.store;

import java.time.Instant;

/** One GPU measurement of one allocation. */
public record GpuSampleRecord(String jobId, String allocationId, Instant at, int gpuIndex, double utilPercent,
                              long memoryUsedMib, double powerWatts) {
}

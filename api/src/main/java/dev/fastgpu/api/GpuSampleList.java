package dev.fastgpu.api;

import dev.fastgpu.api.agent.GpuSample;

import java.util.List;

/** A job's GPU samples (utilisation, memory, power), oldest first, across its allocations. */
public record GpuSampleList(String jobId, List<GpuSample> items) {
}

package dev.fastgpu.api.agent;

import java.util.List;

/** A batch of GPU samples of one allocation ({@code POST /api/v1/agent/allocations/{id}/samples}). */
public record GpuSamples(List<GpuSample> samples) {
}

package dev.fastgpu.api.agent;

import java.util.List;

/** A batch of log chunks of one allocation, in seq order ({@code POST /api/v1/agent/allocations/{id}/logs}). */
public record LogChunks(List<LogChunk> chunks) {
}

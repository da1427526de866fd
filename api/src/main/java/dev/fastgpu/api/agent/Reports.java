package dev.fastgpu.api.agent;

import java.util.List;

/**
 * Many starts and ends of one node's allocations in one request
 * ({@code POST /api/v1/agent/nodes/{id}/reports}), committed together: one transaction instead of
 * one per report. Within an item the start is applied before the end.
 */
public record Reports(List<AllocationReport> items) {
}

package dev.fastgpu.api.agent;

import java.time.Instant;

/**
 * The process of an allocation started ({@code POST /api/v1/agent/allocations/{id}/started}).
 *
 * @param pid process id
 * @param at  when, by the agent's clock (informational; the server records its own time)
 */
public record JobStarted(Long pid, Instant at) {
}

package dev.fastgpu.api.agent;

import java.time.Instant;

/**
 * The process of an allocation ended ({@code POST /api/v1/agent/allocations/{id}/exited}).
 * Exit code 0 means success; anything else, or a signal, a failure - unless the server asked the
 * agent to stop it (cancel, preemption), in which case the server keeps its own reason.
 *
 * @param exitCode exit code, or null when killed by a signal
 * @param signal   signal name (e.g. "SIGKILL") or null
 * @param message  extra words for the user, e.g. "could not start: /bin/python: not found"
 * @param at       when, by the agent's clock
 */
public record JobExited(Integer exitCode, String signal, String message, Instant at) {
}

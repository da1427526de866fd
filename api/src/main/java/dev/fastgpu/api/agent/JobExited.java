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
 * @param lost     true when the agent lost the process and knows nothing of how it ended (the agent
 *                 restarted while it ran): not the job's failure, so the server re-queues the job while
 *                 retries remain, as for a lost node; null or false otherwise
 */
public record JobExited(Integer exitCode, String signal, String message, Instant at, Boolean lost) {
    /** An end whose exit code or signal is known (or at least not lost). */
    public JobExited(Integer exitCode, String signal, String message, Instant at) {
        this(exitCode, signal, message, at, null);
    }

    /** A process the agent lost track of; {@code message} says how. */
    public static JobExited lost(String message, Instant at) {
        return new JobExited(null, null, message, at, true);
    }

    public boolean wasLost() {
        return Boolean.TRUE.equals(lost);
    }
}

package dev.fastgpu.api.agent;

/**
 * The server's answer to a report.
 *
 * @param accepted false when the allocation is no longer current (the agent should stop that
 *                 process if it still runs; the next assignment set will not list it)
 * @param message  why not, or null
 */
public record Ack(boolean accepted, String message) {
}

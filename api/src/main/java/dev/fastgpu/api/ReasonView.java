package dev.fastgpu.api;

/**
 * Why a job waits, failed or was stopped.
 *
 * @param code    stable machine-readable code, e.g. "insufficient_gpus", "node_lost", "exit_code"
 * @param message a sentence a person can act on
 */
public record ReasonView(String code, String message) {
}

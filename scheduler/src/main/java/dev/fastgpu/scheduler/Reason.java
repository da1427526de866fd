package dev.fastgpu.scheduler;

/**
 * Why a job was not placed (or was evicted), in words a user can act on.
 *
 * @param code    stable machine-readable code, e.g. "insufficient_gpus", "blocked_by_head"
 * @param message the sentence shown to people, e.g. "needs 4 free GPUs of model H100 on one node;
 *                3 nodes have H100, most free on one node: 2"
 */
public record Reason(String code, String message) {
}

package dev.fastgpu.store;

/**
 * The outcome of {@link Store#insertJob}.
 *
 * @param job     the stored job (the earlier one when the idempotency key was already used)
 * @param created false when an earlier job with the same user and idempotency key was returned
 */
public record InsertResult(JobRecord job, boolean created) {
}

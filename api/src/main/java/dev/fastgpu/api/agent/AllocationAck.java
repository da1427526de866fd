package dev.fastgpu.api.agent;

/**
 * The answer for one allocation of a {@link Reports} batch, like {@link Ack}.
 *
 * @param allocationId the allocation
 * @param accepted     false when the allocation is unknown or no longer current: stop its process if it still runs
 * @param message      why not, or null
 */
public record AllocationAck(String allocationId, boolean accepted, String message) {
}

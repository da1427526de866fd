package dev.fastgpu.store;

/**
 * A stored piece of job output.
 *
 * @param jobId        the job
 * @param allocationId the allocation that produced it
 * @param seq          the agent's sequence number within the allocation (duplicates are ignored)
 * @param stream       "stdout" or "stderr"
 * @param data         text
 * @param cursor       store-assigned arrival order across the job (pass 0 when appending)
 */
public record LogChunkRecord(String jobId, String allocationId, long seq, String stream, String data, long cursor) {
}

package dev.fastgpu.agent.logs;

/**
 * A piece of one stream of one job's output.
 *
 * @param jobId        the job
 * @param allocationId the allocation that produced it
 * @param stream       stdout or stderr
 * @param offset       byte offset of the first byte in the stream; the server keeps a chunk only where it
 *                     extends what it already has, so sending the same chunk twice is harmless
 * @param data         the text (whole UTF-8 characters only)
 * @param byteLength   length of {@code data} in UTF-8 bytes; the next chunk starts at offset + byteLength
 */
public record LogChunk(String jobId, String allocationId, LogStream stream, long offset, String data, int byteLength) {
    public long end() {
        return offset + byteLength;
    }
}

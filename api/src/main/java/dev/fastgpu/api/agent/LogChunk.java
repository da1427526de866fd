package dev.fastgpu.api.agent;

/**
 * A piece of a job's output.
 *
 * @param seq    per allocation, 0, 1, 2, ... across both streams; resending the same seq is harmless
 * @param stream "stdout" or "stderr"
 * @param data   UTF-8 text (the agent may split lines across chunks)
 */
public record LogChunk(long seq, String stream, String data) {
}

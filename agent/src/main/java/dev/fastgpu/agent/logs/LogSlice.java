package dev.fastgpu.agent.logs;

/**
 * A piece of one log file, read from a byte offset.
 *
 * @param stream     stdout or stderr
 * @param offset     byte offset of the first byte in the file
 * @param data       the text (whole UTF-8 characters only)
 * @param byteLength length of {@code data} in UTF-8 bytes; the next slice starts at offset + byteLength
 */
public record LogSlice(LogStream stream, long offset, String data, int byteLength) {
    public long end() {
        return offset + byteLength;
    }
}

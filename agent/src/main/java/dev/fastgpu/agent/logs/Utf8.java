package dev.fastgpu.agent.logs;

/** Finds where a byte buffer stops holding whole UTF-8 characters. */
final class Utf8 {
    private Utf8() {}

    /** Length of the longest prefix of {@code buf} that does not end inside a multi-byte character. */
    static int completeLength(byte[] buf) {
        int n = buf.length;
        // Walk back over at most 3 continuation bytes (10xxxxxx) to the lead byte of the last character.
        int i = n - 1;
        int back = 0;
        while (i >= 0 && back < 3 && (buf[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i < 0) return n;
        int lead = buf[i] & 0xFF;
        int needed = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return (n - i) < needed ? i : n;
    }
}

package dev.fastgpu.agent.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one log file from the last acknowledged offset. The offset only moves on {@link #acknowledge},
 * i.e. after the server took the chunk, so a failed send is simply sent again from the same offset.
 */
public final class LogTail {
    private final LogStream stream;
    private final Path file;
    private long acknowledged;

    public LogTail(LogStream stream, Path file) {
        this.stream = stream;
        this.file = file;
    }

    public long acknowledged() {
        return acknowledged;
    }

    /**
     * The next chunk of at most {@code maxBytes} after the acknowledged offset, or empty when there is nothing new.
     * A UTF-8 character cut at the end is held back for the next chunk unless {@code fileComplete} says the file is complete.
     */
    public Optional<LogSlice> next(int maxBytes, boolean fileComplete) throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        byte[] buf;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long available = raf.length() - acknowledged;
            if (available <= 0) return Optional.empty();
            buf = new byte[(int) Math.min(Math.max(maxBytes, 4), available)]; // room for one whole character
            raf.seek(acknowledged);
            raf.readFully(buf);
            boolean moreAfter = available > buf.length;
            int usable = (fileComplete && !moreAfter) ? buf.length : Utf8.completeLength(buf);
            if (usable == 0) {
                if (buf.length < 4 && !moreAfter) return Optional.empty(); // wait for the rest of the character
                usable = buf.length; // not UTF-8 at all: ship the bytes as they are
            }
            String text = new String(buf, 0, usable, StandardCharsets.UTF_8);
            return Optional.of(new LogSlice(stream, acknowledged, text, usable));
        }
    }

    /** Records that the server holds everything before {@code offset}. Never moves backwards. */
    public void acknowledge(long offset) {
        if (offset > acknowledged) acknowledged = offset;
    }
}

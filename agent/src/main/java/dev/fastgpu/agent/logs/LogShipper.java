package dev.fastgpu.agent.logs;

import dev.fastgpu.api.agent.LogChunk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one allocation's stdout and stderr files into numbered chunks (seq 0, 1, 2 ... across both
 * streams). A batch stays pending, byte for byte the same, until the server acknowledges it: a resend
 * after a lost answer carries the same seqs and data, which the server ignores.
 */
public final class LogShipper {
    private final LogTail stdout;
    private final LogTail stderr;
    private final int maxChunkBytes;
    private long nextSeq;
    private List<LogChunk> pending = List.of();
    private List<LogSlice> pendingSlices = List.of();

    public LogShipper(Path stdoutFile, Path stderrFile, int maxChunkBytes) {
        this.stdout = new LogTail(LogStream.STDOUT, stdoutFile);
        this.stderr = new LogTail(LogStream.STDERR, stderrFile);
        this.maxChunkBytes = maxChunkBytes;
    }

    /**
     * The batch to send now: the pending one if the last send was not acknowledged, otherwise the
     * new output of both streams (empty when there is none). {@code filesComplete}: the process has ended.
     */
    public synchronized List<LogChunk> batch(boolean filesComplete) throws IOException {
        if (!pending.isEmpty()) return pending;
        List<LogChunk> chunks = new ArrayList<>();
        List<LogSlice> slices = new ArrayList<>();
        for (LogTail tail : List.of(stdout, stderr)) {
            tail.next(maxChunkBytes, filesComplete).ifPresent(slice -> {
                slices.add(slice);
                chunks.add(new LogChunk(nextSeq + chunks.size(), slice.stream().name().toLowerCase(Locale.ROOT), slice.data()));
            });
        }
        pending = List.copyOf(chunks);
        pendingSlices = List.copyOf(slices);
        return pending;
    }

    /** The server holds the pending batch: move both files' cursors past it. */
    public synchronized void acknowledged() {
        for (LogSlice s : pendingSlices) {
            (s.stream() == LogStream.STDOUT ? stdout : stderr).acknowledge(s.end());
        }
        nextSeq += pending.size();
        pending = List.of();
        pendingSlices = List.of();
    }

    public synchronized long nextSeq() {
        return nextSeq;
    }
}

package dev.fastgpu.server.service;

import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.LogChunkRecord;
import dev.fastgpu.store.Store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a job's output: all of it, its last lines, or live as it arrives. */
public final class LogService {
    private static final int PAGE = 1000;
    private final Store store;
    private final Wakeups logWakeups;

    public LogService(Store store, Wakeups logWakeups) {
        this.store = store;
        this.logWakeups = logWakeups;
    }

    /** Everything so far, or the last {@code tail} lines. */
    public String read(String jobId, Integer tail) {
        requireJob(jobId);
        StringBuilder all = new StringBuilder();
        readFrom(jobId, 0, all);
        return tail == null ? all.toString() : lastLines(all.toString(), tail);
    }

    /**
     * Writes the last {@code tail} lines (all when null), then new output as it arrives, flushing
     * after each piece; returns once the job is finished, holds no resources and all output was written.
     */
    public void follow(String jobId, Integer tail, OutputStream out) throws IOException, InterruptedException {
        requireJob(jobId);
        StringBuilder first = new StringBuilder();
        long cursor = readFrom(jobId, 0, first);
        write(out, tail == null ? first.toString() : lastLines(first.toString(), tail));
        while (true) {
            long version = logWakeups.version(jobId);
            StringBuilder more = new StringBuilder();
            long next = readFrom(jobId, cursor, more);
            if (next != cursor) {
                write(out, more.toString());
                cursor = next;
                continue;
            }
            if (finished(jobId)) {
                StringBuilder rest = new StringBuilder();
                readFrom(jobId, cursor, rest);
                write(out, rest.toString());
                return;
            }
            logWakeups.await(jobId, version, Duration.ofSeconds(1));
        }
    }

    private boolean finished(String jobId) {
        JobRecord j = store.job(jobId).orElseThrow();
        if (!j.state().isTerminal()) return false;
        List<AllocationRecord> allocs = store.allocationsOfJob(jobId);
        return allocs.stream().noneMatch(a -> a.state().holdsResources());
    }

    private long readFrom(String jobId, long after, StringBuilder into) {
        long cursor = after;
        while (true) {
            List<LogChunkRecord> page = store.logs(jobId, cursor, PAGE);
            for (LogChunkRecord c : page) {
                into.append(c.data());
                cursor = c.cursor();
            }
            if (page.size() < PAGE) return cursor;
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        if (s.isEmpty()) return;
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String lastLines(String text, int n) {
        if (n < 0) throw ApiError.invalid("tail must be >= 0, got " + n);
        if (n == 0 || text.isEmpty()) return "";
        List<Integer> starts = new ArrayList<>();
        int end = text.endsWith("\n") ? text.length() - 1 : text.length();
        for (int i = end - 1; i >= 0 && starts.size() < n; i--) {
            if (text.charAt(i) == '\n') starts.add(i + 1);
        }
        if (starts.size() < n) return text;
        return text.substring(starts.getLast());
    }

    private void requireJob(String jobId) {
        if (store.job(jobId).isEmpty()) throw ApiError.notFound("no job with id '" + jobId + "'");
    }
}

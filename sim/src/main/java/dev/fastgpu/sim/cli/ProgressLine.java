package dev.fastgpu.sim.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long simulator run as lines on the error stream: nothing for the first
 * {@link #QUIET_NANOS} (a run that ends sooner stays silent), then at most one line per
 * {@link #EVERY_NANOS}. Lines, not a rewritten line, so logs and pipes read them too; the results
 * still go alone to standard output.
 */
final class ProgressLine {
    static final long QUIET_NANOS = 2_000_000_000L;
    static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastPrinted;

    ProgressLine(PrintStream err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.lastPrinted = start + QUIET_NANOS - EVERY_NANOS;
    }

    static ProgressLine toStderr() {
        return new ProgressLine(System.err, System::nanoTime);
    }

    /** Says {@code what} has got to {@code done} of {@code total} (in {@code unit}), when it is time to say anything. */
    void update(String what, long done, long total, String unit) {
        long now = nanoTime.getAsLong();
        if (now - lastPrinted < EVERY_NANOS) return;
        lastPrinted = now;
        err.printf(Locale.ROOT, "%s: %,d of %,d %s (%d %%) after %.1f s%n", what, done, total, unit,
                total == 0 ? 100 : Math.round(100.0 * done / total), (now - start) / 1e9);
        err.flush();
    }
}

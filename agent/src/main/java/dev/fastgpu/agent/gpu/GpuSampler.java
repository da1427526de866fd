package dev.fastgpu.agent.gpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads utilisation, memory and power of every GPU once a second, from one nvidia-smi that keeps
 * running in its loop mode ({@code -lms}), and answers the mean over any span of the last minutes.
 *
 * <p>A job's samples are means over the spans between the agent's reports, so a job shorter than
 * the report interval is still measured over its whole run, and no second of a longer one is left
 * out. (One reading per report interval saw, on an H100, nothing of a 4-s job but its start-up, and
 * nothing of any job's first and last seconds.) Readings older than {@link #KEEP} are dropped.
 * If nvidia-smi stops, it is started again at the next question, at most every {@link #RESTART_AFTER}.
 */
public final class GpuSampler implements AutoCloseable {
    static final String FIELDS = "index,utilization.gpu,memory.used,power.draw";
    static final Duration KEEP = Duration.ofMinutes(3);
    static final Duration RESTART_AFTER = Duration.ofSeconds(10);
    /** A failing nvidia-smi is restarted every {@link #RESTART_AFTER}, but said so at most this often. */
    static final Duration WARN_EVERY = Duration.ofMinutes(10);
    private static final System.Logger LOG = System.getLogger(GpuSampler.class.getName());

    private final NvidiaSmi smi;
    private final Duration period;
    private final Clock clock;
    /** Readings per GPU index, oldest first. Guarded by this. */
    private final Map<Integer, ArrayDeque<Reading>> readings = new HashMap<>();
    private Process process;
    private Instant lastStart = Instant.MIN;
    private Instant lastWarning = Instant.MIN;
    private boolean closed;

    /** One reading of one GPU and when it was read. */
    record Reading(Instant at, GpuSample sample) {}

    /** The mean of a GPU's readings over a span: utilisation and power averaged, memory at its highest. */
    public record Window(Instant lastReading, int readings, GpuSample mean) {}

    public GpuSampler(NvidiaSmi smi, Duration period, Clock clock) {
        this.smi = smi;
        this.period = period;
        this.clock = clock;
    }

    public GpuSampler(NvidiaSmi smi) {
        this(smi, Duration.ofSeconds(1), Clock.systemUTC());
    }

    /** Starts nvidia-smi's loop if it is not running (again, if it stopped). */
    public synchronized void ensureRunning() {
        if (closed || (process != null && process.isAlive())) return;
        Instant now = clock.instant();
        if (now.isBefore(lastStart.plus(RESTART_AFTER))) return;
        if (process != null) warn(smi.executable() + " stopped reading GPUs (exit code " + process.exitValue() + "); starting it again");
        lastStart = now;
        try {
            Process p = smi.loop(FIELDS, period);
            process = p;
            Thread.ofPlatform().daemon().name("fastgpu-gpu-readings").start(() -> read(p));
        } catch (IOException e) {
            warn("cannot start " + smi.executable() + " to read GPUs: " + e.getMessage());
        }
    }

    /** Logs at most once per {@link #WARN_EVERY}: a broken nvidia-smi would otherwise fill the log. */
    private synchronized void warn(String message) {
        Instant now = clock.instant();
        if (now.isBefore(lastWarning.plus(WARN_EVERY))) return;
        lastWarning = now;
        LOG.log(System.Logger.Level.WARNING, message + " (repeats of this warning are left out for " + WARN_EVERY.toMinutes() + " min)");
    }

    private void read(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                try {
                    GpuSample s = parseLine(line);
                    record(clock.instant(), s);
                } catch (IllegalArgumentException e) {
                    warn(e.getMessage()); // e.g. "Unable to determine the device handle for GPU ...", every second
                }
            }
        } catch (IOException e) {
            // the process ended or was stopped; ensureRunning starts another
        }
    }

    /** Adds a reading (the reader thread; tests). */
    synchronized void record(Instant at, GpuSample s) {
        ArrayDeque<Reading> q = readings.computeIfAbsent(s.index(), i -> new ArrayDeque<>());
        q.addLast(new Reading(at, s));
        Instant oldest = at.minus(KEEP);
        while (!q.isEmpty() && q.peekFirst().at().isBefore(oldest)) q.removeFirst();
    }

    /**
     * The mean of the GPU's readings taken after {@code after} and up to {@code upTo}; empty when there
     * are none. Values the board does not report (-1) are left out of their mean; with none, the mean is -1
     * (unknown), so that no one reads an unmeasured GPU as idle or as drawing no power.
     */
    public synchronized Optional<Window> mean(int gpu, Instant after, Instant upTo) {
        ArrayDeque<Reading> q = readings.get(gpu);
        if (q == null) return Optional.empty();
        int n = 0, utilN = 0, powerN = 0;
        double util = 0, power = 0;
        long memory = 0;
        Instant last = null;
        for (Reading r : q) {
            if (!r.at().isAfter(after) || r.at().isAfter(upTo)) continue;
            n++;
            last = r.at();
            GpuSample s = r.sample();
            if (s.utilizationPct() >= 0) { util += s.utilizationPct(); utilN++; }
            if (s.powerWatts() >= 0) { power += s.powerWatts(); powerN++; }
            memory = Math.max(memory, s.memoryUsedMib());
        }
        if (n == 0) return Optional.empty();
        return Optional.of(new Window(last, n, new GpuSample(gpu, utilN == 0 ? -1 : util / utilN, memory, powerN == 0 ? -1 : power / powerN)));
    }

    /** One line of the loop's output: index, utilization.gpu, memory.used, power.draw. */
    static GpuSample parseLine(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 4) {
            throw new IllegalArgumentException("unexpected nvidia-smi line (want index, utilization.gpu, memory.used, power.draw): '" + line + "'");
        }
        try {
            int index = Integer.parseInt(f[0].strip());
            return new GpuSample(index, number(f[1]), (long) number(f[2]), number(f[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unexpected GPU index in nvidia-smi line '" + line + "'", e);
        }
    }

    /** nvidia-smi writes "[N/A]" or "[Not Supported]" for values a board does not report. */
    private static double number(String field) {
        String s = field.strip();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (process != null) process.destroy();
    }
}

package dev.fastgpu.bench;

import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.scheduler.SchedulerConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Prints B1's headline figures from repeated passes (median of {@code runs}): placements per second
 * on the 50,000-job pass and the pass time of the 10,000-job pass on the 80 %-full cluster. The
 * JMH benchmark {@link B1SchedulerBenchmark} measures the same passes with JMH's harness.
 */
public final class B1Report {
    private static final int WARMUP_PASSES = 3;

    private B1Report() {}

    /** Wall and scheduler-thread CPU milliseconds per measured pass, and how many jobs a pass placed. */
    record Timings(double[] wallMs, double[] cpuMs, int placed) {
        double placementsPerSecond() { return placed / (median(wallMs) / 1000); }

        double placementsPerCpuSecond() { return placed / (median(cpuMs) / 1000); }
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
        Timings big = time(scheduler, B1Workload.empty(5000), B1Workload.jobs(50_000, 1), runs);
        Timings full = time(scheduler, B1Workload.eightyPercentFull(5000, 2), B1Workload.jobs(10_000, 3), runs);

        System.out.printf("50k pending on 5,000 x 8 GPUs: %d placed, pass median %.1f ms%n", big.placed(), median(big.wallMs()));
        System.out.printf("10k pending on 80%%-full cluster: %d placed, pass median %.1f ms%n", full.placed(), median(full.wallMs()));
        System.out.printf("scheduler thread CPU time only (excludes GC threads and time waiting for a core): "
                + "%d placements per CPU-second, 10k pass %.1f CPU-ms%n", Math.round(big.placementsPerCpuSecond()), median(full.cpuMs()));
        System.out.printf("placements_per_s=%d pass_ms=%.1f%n", Math.round(big.placementsPerSecond()), median(full.wallMs()));
    }

    /** Runs {@code runs} measured passes after a few warm-up passes; the plan is the same every time. */
    static Timings time(Scheduler scheduler, ClusterSnapshot snapshot, List<PendingJob> jobs, int runs) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] wallMs = new double[runs];
        double[] cpuMs = new double[runs];
        int placed = 0;
        for (int i = 0; i < runs + WARMUP_PASSES; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            placed = scheduler.schedule(snapshot, jobs, B1Workload.NOW).placements().size();
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            if (i >= WARMUP_PASSES) {
                wallMs[i - WARMUP_PASSES] = (t1 - t0) / 1e6;
                cpuMs[i - WARMUP_PASSES] = (c1 - c0) / 1e6;
            }
        }
        return new Timings(wallMs, cpuMs, placed);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

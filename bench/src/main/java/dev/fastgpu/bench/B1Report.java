package dev.fastgpu.bench;

import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Plan;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.scheduler.SchedulerConfig;

import java.util.Arrays;
import java.util.List;

/**
 * Prints B1's headline figures from repeated passes (median of {@code runs}): placements per second
 * on the 50,000-job pass and the pass time of the 10,000-job pass on the 80 %-full cluster. The
 * JMH benchmark {@link B1SchedulerBenchmark} measures the same passes with JMH's harness.
 */
public final class B1Report {
    private B1Report() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());

        ClusterSnapshot empty = B1Workload.empty(5000);
        List<PendingJob> jobs50k = B1Workload.jobs(50_000, 1);
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] placementRates = new double[runs];
        double[] cpuRates = new double[runs];
        double[] bigPassMs = new double[runs];
        int placed = 0;
        for (int i = 0; i < runs + 3; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Plan plan = scheduler.schedule(empty, jobs50k, B1Workload.NOW);
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            placed = plan.placements().size();
            if (i >= 3) {
                cpuRates[i - 3] = placed / ((c1 - c0) / 1e9);
                placementRates[i - 3] = placed / ((t1 - t0) / 1e9);
                bigPassMs[i - 3] = (t1 - t0) / 1e6;
            }
        }

        ClusterSnapshot full = B1Workload.eightyPercentFull(5000, 2);
        List<PendingJob> jobs10k = B1Workload.jobs(10_000, 3);
        double[] passMs = new double[runs];
        double[] passCpuMs = new double[runs];
        int placedFull = 0;
        for (int i = 0; i < runs + 3; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Plan plan = scheduler.schedule(full, jobs10k, B1Workload.NOW);
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            placedFull = plan.placements().size();
            if (i >= 3) {
                passMs[i - 3] = (t1 - t0) / 1e6;
                passCpuMs[i - 3] = (c1 - c0) / 1e6;
            }
        }
        System.out.printf("50k pending on 5,000 x 8 GPUs: %d placed, pass median %.1f ms%n", placed, median(bigPassMs));
        System.out.printf("10k pending on 80%%-full cluster: %d placed, pass median %.1f ms%n", placedFull, median(passMs));
        System.out.printf("scheduler thread CPU time only (excludes GC threads and time waiting for a core): "
                + "%d placements per CPU-second, 10k pass %.1f CPU-ms%n", Math.round(median(cpuRates)), median(passCpuMs));
        System.out.printf("placements_per_s=%d pass_ms=%.1f%n", Math.round(median(placementRates)), median(passMs));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

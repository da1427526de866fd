package dev.fastgpu.bench;

import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Plan;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.scheduler.SchedulerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * B1: one full scheduling pass with the default configuration. {@code scenario=empty50k}: 5,000
 * nodes x 8 GPUs, 50,000 pending jobs; {@code scenario=full80_10k}: the same cluster 80 % full,
 * 10,000 pending. Single-shot passes (each a fresh pass over the same immutable input).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class B1SchedulerBenchmark {
    @Param({"empty50k", "full80_10k"})
    public String scenario;

    ClusterSnapshot snapshot;
    List<PendingJob> pending;
    Scheduler scheduler;

    @Setup(Level.Trial)
    public void setUp() {
        scheduler = new Scheduler(SchedulerConfig.defaults());
        if (scenario.equals("empty50k")) {
            snapshot = B1Workload.empty(5000);
            pending = B1Workload.jobs(50_000, 1);
        } else {
            snapshot = B1Workload.eightyPercentFull(5000, 2);
            pending = B1Workload.jobs(10_000, 3);
        }
    }

    @Benchmark
    public Plan pass() {
        return scheduler.schedule(snapshot, pending, B1Workload.NOW);
    }
}

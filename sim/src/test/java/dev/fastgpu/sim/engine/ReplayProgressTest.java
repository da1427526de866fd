package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.trace.TraceJob;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayProgressTest {
    /** 2,500 one-GPU jobs of 60 s, one every 10 s, on 2 nodes of 8 GPUs, in two VCs. */
    private static List<TraceJob> trace() {
        List<TraceJob> jobs = new ArrayList<>();
        for (int i = 0; i < 2500; i++) jobs.add(Traces.job(String.format("j%05d", i), i * 10, 60, 1, i % 2 == 0 ? "a" : "b"));
        return jobs;
    }

    @Test
    void a_replay_reports_every_thousand_finished_jobs_and_the_last_one() {
        List<String> calls = new ArrayList<>();
        SimResult r = Simulator.run(trace(), ClusterSpec.uniform("n", 2, 8, "GPU"), SimOptions.of(Policy.FIFO_BACKFILL, PlacementStrategy.PACK),
                (done, total) -> calls.add(done + "/" + total));

        assertThat(r.outcomes()).hasSize(2500);
        assertThat(calls).containsExactly("1000/2500", "2000/2500", "2500/2500");
    }

    @Test
    void partitions_report_their_jobs_together() {
        List<String> calls = new ArrayList<>();
        PartitionedReplay.run(trace(), Map.of("a", 1, "b", 1), 8, "GPU", SimOptions.of(Policy.FIFO, PlacementStrategy.PACK),
                (done, total) -> calls.add(done + "/" + total));

        assertThat(calls).containsExactly("1000/2500", "1250/2500", "2250/2500", "2500/2500");
    }
}

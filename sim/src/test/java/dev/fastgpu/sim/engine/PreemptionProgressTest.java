package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.trace.TraceJob;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a checkpoint cost, a preemptive replay must end: a (re)started job runs twice the checkpoint
 * cost before it may be evicted again. The trace below (random, seed 1) made 2D-LAS evict and
 * restart the same jobs without end on 3 x 8 GPUs before that rule.
 */
class PreemptionProgressTest {
    /** Far more passes than this trace needs when jobs make progress. */
    private static final long PASS_LIMIT = 20_000;

    @Test
    void a_las_replay_with_checkpoints_that_used_to_evict_and_restart_without_end_finishes_every_job() {
        List<TraceJob> trace = randomTrace(1);
        SimOptions options = SimOptions.of(Policy.LAS, PlacementStrategy.PACK).withCheckpointMs(30_000).withLasThreshold(400);

        Optional<SimResult> r = Simulator.runLimited(trace, ClusterSpec.uniform("n", 3, 8, "GPU"), options, false, PASS_LIMIT);

        assertThat(r).as("the replay ends within " + PASS_LIMIT + " passes").isPresent();
        assertThat(r.get().unfinished()).isEmpty();
        assertThat(r.get().outcomes()).hasSize(trace.size());
        assertThat(r.get().preemptions()).isPositive();
    }

    /** 1-150 jobs over 50 minutes, 1-16 GPUs (some fractional single GPUs), 1 s to 67 min each. */
    private static List<TraceJob> randomTrace(long seed) {
        int[] gpus = {1, 1, 1, 1, 2, 2, 4, 8, 12, 16};
        int[] milli = {1000, 1000, 1000, 250, 500};
        Random r = new Random(seed);
        int n = 1 + r.nextInt(150);
        List<TraceJob> trace = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int g = gpus[r.nextInt(gpus.length)];
            int m = milli[r.nextInt(milli.length)];
            trace.add(new TraceJob(String.format("j%03d", i), i + 2, r.nextInt(3001) * 1000L, (1 + r.nextInt(4000)) * 1000L,
                    g, g == 1 ? m : 1000, Set.of(), "vc", "", ""));
        }
        return trace;
    }
}

package dev.fastgpu.sim.diag;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.estimate.HistoryPredictor;
import dev.fastgpu.scheduler.estimate.HistoryPredictorConfig;
import dev.fastgpu.scheduler.estimate.JobFeatures;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.engine.Policy;
import dev.fastgpu.sim.engine.SimOptions;
import dev.fastgpu.sim.engine.Simulator;
import dev.fastgpu.sim.trace.TraceJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BurstOracleTest {
    private static TraceJob job(String id, String vc, int gpus, long submitS, long durationS) {
        return new TraceJob(id, 0, submitS * 1000, durationS * 1000, gpus, 1000, Set.of(), vc, "", "");
    }

    /** vc a, 1 GPU: a1 and a2 are 30 s apart (one burst), a3 comes 70 s after a2 (alone); b1 and the 2-GPU job are other shapes. */
    private static final List<TraceJob> TRACE = List.of(
            job("a1", "a", 1, 0, 100), job("b1", "b", 1, 10, 40), job("a2x", "a", 2, 20, 7),
            job("a2", "a", 1, 30, 300), job("a3", "a", 1, 100, 50));

    @Test
    void a_burst_is_one_shape_submitted_less_than_the_gap_apart_and_each_of_its_jobs_gets_its_mean() {
        Map<String, BurstOracle.Known> known = BurstOracle.known(TRACE, Duration.ofSeconds(60));

        assertThat(known.get("a1")).isEqualTo(new BurstOracle.Known(200_000, true));
        assertThat(known.get("a2")).isEqualTo(new BurstOracle.Known(200_000, true));
        assertThat(known.get("a3")).as("70 s after a2: a burst of its own").isEqualTo(new BurstOracle.Known(50_000, false));
        assertThat(known.get("b1")).as("another group").isEqualTo(new BurstOracle.Known(40_000, false));
        assertThat(known.get("a2x")).as("another GPU count").isEqualTo(new BurstOracle.Known(7_000, false));
        assertThat(BurstOracle.known(TRACE, Duration.ofSeconds(70)).get("a3")).as("70 s is not less than a 70 s gap")
                .isEqualTo(new BurstOracle.Known(50_000, false));
        assertThat(BurstOracle.known(TRACE, Duration.ofSeconds(71)).get("a3")).isEqualTo(new BurstOracle.Known(150_000, true));
    }

    @Test
    void it_tells_what_it_is_set_to_know_and_leaves_the_rest_to_the_history_predictor() {
        HistoryPredictorConfig config = HistoryPredictorConfig.defaults();
        Duration prior = config.prior(); // what the history predictor says with no history at all

        for (BurstOracle.Knows knows : BurstOracle.Knows.values()) {
            BurstOracle oracle = new BurstOracle(TRACE, Duration.ofSeconds(60), knows, new HistoryPredictor(config));
            Duration a1 = oracle.predict("a1", features("a", 1, 0)).estimate();
            Duration b1 = oracle.predict("b1", features("b", 1, 10)).estimate();
            assertThat(a1).as(knows + ": a1, in a burst").isEqualTo(knows == BurstOracle.Knows.LONE ? prior : Duration.ofSeconds(200));
            assertThat(b1).as(knows + ": b1, alone").isEqualTo(knows == BurstOracle.Knows.BURSTS ? prior : Duration.ofSeconds(40));
        }
    }

    @Test
    void told_every_duration_of_a_trace_without_bursts_learned_replays_as_the_sjf_oracle() {
        List<TraceJob> lone = List.of(job("j1", "a", 8, 0, 500), job("j2", "b", 8, 1, 300), job("j3", "c", 8, 2, 100),
                job("j4", "d", 8, 3, 200));
        ClusterSpec oneNode = ClusterSpec.uniform("n", 1, 8, "GPU");
        SimOptions learned = SimOptions.of(Policy.LEARNED, PlacementStrategy.PACK);

        var told = Simulator.run(lone, oneNode, learned,
                () -> new BurstOracle(lone, Duration.ofSeconds(60), BurstOracle.Knows.BOTH, new HistoryPredictor(learned.predictor())));
        var oracle = Simulator.run(lone, oneNode, SimOptions.of(Policy.SJF_ORACLE_BACKFILL, PlacementStrategy.PACK));

        // j1 runs first (alone at t=0); then shortest first: j3, j4, j2
        assertThat(BurstOracle.meanJct(oracle)).isEqualTo((500 + (600 - 2) + (800 - 3) + (1100 - 1)) / 4.0);
        assertThat(BurstOracle.meanJct(told)).isEqualTo(BurstOracle.meanJct(oracle));
    }

    private static JobFeatures features(String vc, int gpus, long submitS) {
        return new JobFeatures("", vc, "", gpus, Instant.ofEpochSecond(submitS));
    }
}

package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.estimate.DurationPredictor;
import dev.fastgpu.scheduler.estimate.FinishedRun;
import dev.fastgpu.scheduler.estimate.HistoryPredictorConfig;
import dev.fastgpu.scheduler.estimate.JobFeatures;
import dev.fastgpu.scheduler.estimate.Prediction;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.metrics.JobOutcome;
import dev.fastgpu.sim.trace.TraceJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.fastgpu.sim.engine.Traces.job;
import static org.assertj.core.api.Assertions.assertThat;

class LearnedPolicyTest {
    private static final ClusterSpec CLUSTER = ClusterSpec.uniform("n", 1, 2, "GPU");

    /** Ten 1-GPU jobs of one VC; job j5's duration is the only thing that differs between the two runs. */
    private static List<TraceJob> trace(double j5DurationS) {
        List<TraceJob> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) jobs.add(job("j" + i, i * 10, i == 5 ? j5DurationS : 30 + i, 1));
        return jobs;
    }

    private static Map<String, JobOutcome> run(List<TraceJob> trace) {
        return Traces.byId(Simulator.run(trace, CLUSTER, SimOptions.of(Policy.LEARNED, PlacementStrategy.PACK)));
    }

    @Test
    void the_prediction_never_depends_on_the_jobs_own_duration_or_on_unfinished_jobs() {
        Map<String, JobOutcome> shortRun = run(trace(1));
        Map<String, JobOutcome> longRun = run(trace(100_000));

        assertThat(shortRun.get("j5").predictedMs()).isEqualTo(longRun.get("j5").predictedMs());
        // every job submitted before j5 could have finished saw the same history in both runs
        long j5EarliestEnd = shortRun.get("j5").firstStartMs() + 1_000;
        for (JobOutcome o : shortRun.values()) {
            if (o.submitMs() < j5EarliestEnd) {
                assertThat(longRun.get(o.id()).predictedMs()).as(o.id()).isEqualTo(o.predictedMs());
            }
        }
    }

    /** 80 jobs of two VCs and two sizes on one 4-GPU node, arriving faster than they run; durations scaled after {@code fromS}. */
    private static List<TraceJob> busyTrace(double fromS, double scale) {
        List<TraceJob> jobs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            double submit = i * 37 % 400 + i * 20;            // bursts and gaps: exercises the submit context
            double duration = 20 + (i * 7919 % 113) * 3;
            if (submit > fromS) duration *= scale;
            jobs.add(job(String.format("j%02d", i), submit, duration, i % 3 == 0 ? 2 : 1, i % 2 == 0 ? "a" : "b"));
        }
        return jobs;
    }

    @Test
    void changing_the_durations_of_later_jobs_leaves_every_earlier_prediction_unchanged() {
        ClusterSpec node = ClusterSpec.uniform("n", 1, 4, "GPU");
        // the mean of one history per VC and size, so that any single leaked run would move a prediction
        SimOptions learned = SimOptions.of(Policy.LEARNED, PlacementStrategy.PACK).withPredictor(HistoryPredictorConfig.defaults()
                .withQuantile(-1).withSubmitContext(Duration.ZERO, Duration.ZERO));
        double x = 800;
        Map<String, JobOutcome> base = Traces.byId(Simulator.run(busyTrace(x, 1), node, learned));
        Map<String, JobOutcome> changed = Traces.byId(Simulator.run(busyTrace(x, 9), node, learned));

        int before = 0, laterDiffer = 0;
        for (JobOutcome o : base.values()) {
            if (o.submitMs() <= x * 1000) {
                before++;
                assertThat(changed.get(o.id()).predictedMs()).as(o.id()).isEqualTo(o.predictedMs());
            } else if (changed.get(o.id()).predictedMs() != o.predictedMs()) {
                laterDiffer++;
            }
        }
        assertThat(before).isGreaterThan(20);
        assertThat(laterDiffer).as("later predictions do learn from the changed runs").isGreaterThan(0);
    }

    @Test
    void refreshed_predictions_never_depend_on_the_jobs_own_duration_or_on_runs_not_yet_ended() {
        ClusterSpec node = ClusterSpec.uniform("n", 1, 4, "GPU");
        SimOptions learned = SimOptions.of(Policy.LEARNED, PlacementStrategy.PACK).withRefreshPredictions(true)
                .withPredictor(HistoryPredictorConfig.defaults().withQuantile(-1).withSubmitContext(Duration.ZERO, Duration.ZERO));
        double x = 800;
        Map<String, JobOutcome> base = Traces.byId(Simulator.run(busyTrace(x, 1), node, learned));
        Map<String, JobOutcome> changed = Traces.byId(Simulator.run(busyTrace(x, 9), node, learned));
        SimOptions once = learned.withRefreshPredictions(false);
        Map<String, JobOutcome> atSubmit = Traces.byId(Simulator.run(busyTrace(x, 1), node, once));

        // a changed run (submitted after x) ends after x: every job started by then was predicted from the same runs
        int startedBefore = 0, refreshed = 0;
        for (JobOutcome o : base.values()) {
            if (o.firstStartMs() <= x * 1000) {
                startedBefore++;
                assertThat(changed.get(o.id()).predictedMs()).as(o.id()).isEqualTo(o.predictedMs());
            }
            if (o.predictedMs() != atSubmit.get(o.id()).predictedMs()) refreshed++;
        }
        assertThat(startedBefore).isGreaterThan(10);
        assertThat(refreshed).as("waiting jobs do learn from runs that ended while they waited").isGreaterThan(0);
        // and, as without refreshing, a job's own run time never reaches its prediction
        SimOptions refreshing = SimOptions.of(Policy.LEARNED, PlacementStrategy.PACK).withRefreshPredictions(true);
        Map<String, JobOutcome> shortJ5 = Traces.byId(Simulator.run(trace(1), CLUSTER, refreshing));
        Map<String, JobOutcome> longJ5 = Traces.byId(Simulator.run(trace(100_000), CLUSTER, refreshing));
        assertThat(longJ5.get("j5").predictedMs()).isEqualTo(shortJ5.get("j5").predictedMs());
    }

    @Test
    void predictions_come_from_finished_jobs_of_the_same_vc_and_size() {
        Map<String, JobOutcome> o = run(trace(35));
        // j0 (30 s) ends at 30 s and j1 (31 s) at 41 s: j5, submitted at 50 s, gets their median 30.5 s
        // (j1..j9 come 10 s after the previous one, a burst, but one burst run is too few: the VC's runs are used)
        assertThat(o.get("j0").predictedMs()).isEqualTo(3_600_000);
        assertThat(o.get("j5").predictedMs()).isEqualTo(30_500);
    }

    @Test
    void a_job_past_the_wait_cap_goes_first_and_is_counted() {
        // one 2-GPU node; a long 2-GPU job and a stream of short 1-GPU jobs that would keep it waiting
        List<TraceJob> jobs = new ArrayList<>();
        jobs.add(job("long0", 0, 1000, 2));
        jobs.add(job("big", 1, 1000, 2));
        for (int i = 0; i < 400; i++) jobs.add(job("s" + i, 2 + i * 5, 12, 1));
        SimResult r = Simulator.run(jobs, CLUSTER, SimOptions.of(Policy.LEARNED, PlacementStrategy.PACK).withWaitCapMs(1_500_000));
        JobOutcome big = r.outcomes().stream().filter(o -> o.id().equals("big")).findFirst().orElseThrow();

        assertThat(r.outcomes()).hasSize(402);
        assertThat(big.queueMs()).isLessThanOrEqualTo(1_500_000 + 12_000);
    }

    @Test
    void with_reservations_a_capped_job_no_longer_waits_behind_later_small_jobs() {
        // one 2-GPU node: a 2-GPU job predicted long waits while short 1-GPU jobs of staggered
        // lengths, predicted short, keep at least one GPU busy
        List<TraceJob> jobs = new ArrayList<>();
        jobs.add(job("long0", 0, 1000, 2));
        jobs.add(job("big", 1, 1000, 2));
        for (int i = 0; i < 900; i++) jobs.add(job("s" + i, 2 + i * 4, i % 2 == 0 ? 13 : 21, 1));
        SimOptions capped = SimOptions.of(Policy.LEARNED, PlacementStrategy.PACK).withWaitCapMs(1_500_000);
        Supplier<DurationPredictor> bySize = () -> new DurationPredictor() { // from the request alone
            @Override
            public void observe(FinishedRun run) {
            }

            @Override
            public Prediction predict(String jobId, JobFeatures job) {
                return new Prediction(Duration.ofSeconds(job.gpus() == 1 ? 17 : 1000), "size", 0);
            }
        };

        JobOutcome goesFirst = Traces.byId(Simulator.run(jobs, CLUSTER, capped, bySize)).get("big");
        JobOutcome reserves = Traces.byId(Simulator.run(jobs, CLUSTER, capped.withWaitCapReserves(true), bySize)).get("big");

        // the cap, then the short jobs already running or let in ahead of the reservation by their
        // 17 s prediction (the 21 s ones overrun it)
        assertThat(reserves.queueMs()).as("waits the cap and a few short jobs").isLessThanOrEqualTo(1_500_000 + 60_000);
        assertThat(goesFirst.queueMs()).as("first in the queue, but the GPUs it needs are not free together")
                .isGreaterThan(reserves.queueMs() + 300_000);
    }
}

package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.estimate.HistoryPredictorConfig;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.metrics.JobOutcome;
import dev.fastgpu.sim.trace.TraceJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.fastgpu.sim.engine.Traces.job;
import static org.assertj.core.api.Assertions.assertThat;

class LearnedPreemptivePolicyTest {
    private static final ClusterSpec ONE_GPU = ClusterSpec.uniform("n", 1, 1, "GPU");
    /** History keys by VC and GPU count only, so the hand-made history below is exactly what the index sees. */
    private static final SimOptions GITTINS = SimOptions.of(Policy.LEARNED_PREEMPTIVE, PlacementStrategy.PACK)
            .withPredictor(HistoryPredictorConfig.defaults().withSubmitContext(Duration.ZERO, Duration.ZERO));

    /**
     * History: VC "a" ran 10, 10, 1000, 1000 s; VC "b" ran {@code bS} seconds four times, each run alone
     * (submitted 1,000 s apart). Then job A of VC a ({@code aDurationS}) arrives at 20,000 s and job B of
     * VC b ({@code bS}) {@code bAfterS} later, on the one GPU.
     */
    private static List<TraceJob> twoJobs(double aDurationS, double bS, double bAfterS) {
        List<TraceJob> jobs = new ArrayList<>();
        double[] a = {10, 10, 1000, 1000};
        for (int i = 0; i < 4; i++) {
            jobs.add(job("ha" + i, 2000 * i, a[i], 1, "a"));
            jobs.add(job("hb" + i, 2000 * i + 1000, bS, 1, "b"));
        }
        jobs.add(job("A", 20_000, aDurationS, 1, "a"));
        jobs.add(job("B", 20_000 + bAfterS, bS, 1, "b"));
        return jobs;
    }

    private static List<TraceJob> twoJobs(double aDurationS) {
        return twoJobs(aDurationS, 100, 0);
    }

    /** Milliseconds after A's arrival. */
    private static long at(double s) {
        return Math.round((20_000 + s) * 1000);
    }

    @Test
    void the_index_runs_the_often_short_job_first_and_preempts_it_when_its_quantum_ends() {
        // A's index: 10 s quantum, half its history ends within it: (4 x 10) / 2 = 20 s per completion; B's: 100 s.
        // (Its median, 505 s, would put it behind B.) A does not end within 10 s, so its history left is
        // {1000, 1000}: 990 s to go, behind B, which runs 10-110 s after; A resumes and ends at 1,100 s.
        Map<String, JobOutcome> o = Traces.byId(Simulator.run(twoJobs(1000), ONE_GPU, GITTINS));

        assertThat(o.get("A").firstStartMs()).isEqualTo(at(0));
        assertThat(o.get("B").firstStartMs()).isEqualTo(at(10));
        assertThat(o.get("B").finishMs()).isEqualTo(at(110));
        assertThat(o.get("A").finishMs()).isEqualTo(at(1100));
        assertThat(o.get("A").preemptions()).isEqualTo(1);
        assertThat(o.get("B").preemptions()).isZero();
    }

    @Test
    void a_job_that_is_short_as_its_history_promised_ends_within_its_quantum_unpreempted() {
        Map<String, JobOutcome> gittins = Traces.byId(Simulator.run(twoJobs(10), ONE_GPU, GITTINS));
        Map<String, JobOutcome> median = Traces.byId(Simulator.run(twoJobs(10), ONE_GPU, GITTINS.withPolicy(Policy.LEARNED)));

        assertThat(gittins.get("A").finishMs()).isEqualTo(at(10));
        assertThat(gittins.get("B").finishMs()).isEqualTo(at(110));
        assertThat(gittins.get("A").preemptions()).isZero();
        // shortest predicted median first runs B (100 s) before A (505 s)
        assertThat(median.get("B").finishMs()).isEqualTo(at(100));
        assertThat(median.get("A").finishMs()).isEqualTo(at(110));
    }

    @Test
    void with_a_checkpoint_cost_the_running_job_is_displaced_only_after_its_minimum_run_and_save() {
        // 100 s checkpoints. B arrives 5 s after A, while A runs its 10 s quantum. Waiting, B's rank counts the
        // save and restore it would cost whoever it displaces: (4 x 100 + 4 x 200) / 4 = 300 s, still below
        // A's 990 s once A's quantum has ended, but A may be preempted only after running 200 s (twice the
        // checkpoint cost): at 200 s A saves until 300 s, B runs 300-400 s, A restores (100 s) and
        // runs its last 800 s: it ends at 1,300 s (times after A's arrival)
        Map<String, JobOutcome> o = Traces.byId(Simulator.run(twoJobs(1000, 100, 5), ONE_GPU, GITTINS.withCheckpointMs(100_000)));

        assertThat(o.get("A").firstStartMs()).isEqualTo(at(0));
        assertThat(o.get("A").preemptions()).isEqualTo(1);
        assertThat(o.get("B").firstStartMs()).isEqualTo(at(300));
        assertThat(o.get("B").finishMs()).isEqualTo(at(400));
        assertThat(o.get("A").finishMs()).isEqualTo(at(1300));
    }

    @Test
    void a_waiting_job_must_beat_a_running_one_by_the_cost_of_displacing_it() {
        // as above, but B's history is 900 s: 900 < 990 would displace A without a checkpoint cost; with 100 s
        // checkpoints B's waiting rank is 900 + 200 = 1,100 s, so A runs to its end unpreempted
        Map<String, JobOutcome> costly = Traces.byId(Simulator.run(twoJobs(1000, 900, 5), ONE_GPU, GITTINS.withCheckpointMs(100_000)));
        Map<String, JobOutcome> free = Traces.byId(Simulator.run(twoJobs(1000, 900, 5), ONE_GPU, GITTINS));

        assertThat(costly.get("A").preemptions()).isZero();
        assertThat(costly.get("A").finishMs()).isEqualTo(at(1000));
        assertThat(costly.get("B").firstStartMs()).isEqualTo(at(1000));
        assertThat(free.get("A").preemptions()).isEqualTo(1);
        assertThat(free.get("B").firstStartMs()).isEqualTo(at(10));
    }

    /** Ten 1-GPU jobs of one VC on one 2-GPU node; job j5's duration is the only thing that differs between runs. */
    private static List<TraceJob> trace(double j5DurationS) {
        List<TraceJob> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) jobs.add(job("j" + i, i * 10, i == 5 ? j5DurationS : 30 + i * 40, 1));
        return jobs;
    }

    /**
     * Until j5 could first have ended, both replays must be the same: every job that ended by then ended
     * at the same time, and every job that started by then started at the same time.
     */
    private static boolean sameUntilJ5CouldEnd(Policy policy) {
        ClusterSpec node = ClusterSpec.uniform("n", 1, 2, "GPU");
        Map<String, JobOutcome> shortJ5 = Traces.byId(Simulator.run(trace(1), node, GITTINS.withPolicy(policy)));
        Map<String, JobOutcome> longJ5 = Traces.byId(Simulator.run(trace(100_000), node, GITTINS.withPolicy(policy)));
        long end = Math.min(shortJ5.get("j5").finishMs(), longJ5.get("j5").finishMs());
        boolean same = shortJ5.get("j5").predictedMs() == longJ5.get("j5").predictedMs();
        for (JobOutcome s : shortJ5.values()) {
            JobOutcome l = longJ5.get(s.id());
            if (Math.min(s.firstStartMs(), l.firstStartMs()) < end) same &= s.firstStartMs() == l.firstStartMs();
            if (Math.min(s.finishMs(), l.finishMs()) < end) same &= s.finishMs() == l.finishMs();
        }
        return same;
    }

    @Test
    void no_decision_depends_on_the_jobs_own_duration_before_it_ends() {
        assertThat(sameUntilJ5CouldEnd(Policy.LEARNED_PREEMPTIVE)).isTrue();
        assertThat(sameUntilJ5CouldEnd(Policy.SRTF_ORACLE)).as("the check sees a policy that knows durations").isFalse();
    }

    /** 80 jobs of two VCs and two sizes on one 4-GPU node, arriving faster than they run; one job's duration differs. */
    private static List<TraceJob> busyTrace(double j40DurationS) {
        List<TraceJob> jobs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            double duration = i == 40 ? j40DurationS : 20 + (i * 7919 % 113) * 3;
            jobs.add(job(String.format("j%02d", i), i * 37 % 400 + i * 20, duration, i % 3 == 0 ? 2 : 1, i % 2 == 0 ? "a" : "b"));
        }
        return jobs;
    }

    @Test
    void a_run_not_yet_ended_changes_nothing_before_it_ends_on_a_busy_node() {
        ClusterSpec node = ClusterSpec.uniform("n", 1, 4, "GPU");
        SimOptions options = SimOptions.of(Policy.LEARNED_PREEMPTIVE, PlacementStrategy.PACK);
        Map<String, JobOutcome> a = Traces.byId(Simulator.run(busyTrace(30), node, options));
        Map<String, JobOutcome> b = Traces.byId(Simulator.run(busyTrace(3_000), node, options));
        long end = a.get("j40").finishMs();

        int compared = 0, laterDiffer = 0;
        for (JobOutcome x : a.values()) {
            JobOutcome y = b.get(x.id());
            if (x.finishMs() < end) {
                compared++;
                assertThat(y.finishMs()).as(x.id()).isEqualTo(x.finishMs());
                assertThat(y.preemptions()).as(x.id()).isEqualTo(x.preemptions());
            } else if (x.finishMs() != y.finishMs()) {
                laterDiffer++;
            }
            if (Math.min(x.firstStartMs(), y.firstStartMs()) < end) assertThat(y.firstStartMs()).as(x.id()).isEqualTo(x.firstStartMs());
        }
        assertThat(compared).isGreaterThanOrEqualTo(10);
        assertThat(laterDiffer).as("the changed run does change what follows its end").isGreaterThan(0);
    }

    @Test
    void a_wide_job_kept_off_by_a_stream_of_short_ones_is_capped_when_it_waits_past_the_cap_and_runs_to_its_end() {
        // one 2-GPU node; the 2-GPU job starts on the empty node, then the short 1-GPU jobs, which always
        // outrank it, preempt it and would keep it waiting for ever; waiting again after its preemption, it
        // reaches the cap 1,500 s after its submission and then runs its remaining time unpreempted
        ClusterSpec node = ClusterSpec.uniform("n", 1, 2, "GPU");
        List<TraceJob> jobs = new ArrayList<>();
        jobs.add(job("big", 1, 1000, 2));
        for (int i = 0; i < 400; i++) jobs.add(job("s" + i, 2 + i * 5, 12, 1));
        SimResult r = Simulator.run(jobs, node, GITTINS.withWaitCapMs(1_500_000));
        JobOutcome big = Traces.byId(r).get("big");

        assertThat(r.outcomes()).hasSize(401);
        assertThat(big.preemptions()).isEqualTo(1);
        assertThat(big.capped()).isTrue();
        assertThat(r.capTriggers()).isEqualTo(1);
        assertThat(big.finishMs()).isLessThanOrEqualTo(1_000 + 1_500_000 + 1_000_000);
    }
}

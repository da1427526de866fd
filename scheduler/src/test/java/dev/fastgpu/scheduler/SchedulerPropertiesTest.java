package dev.fastgpu.scheduler;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.SchedulerConfig.Backfill;
import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.SchedulerConfig.QueueOrder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.fastgpu.scheduler.Builders.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of every plan, over random clusters, queues and configurations. */
class SchedulerPropertiesTest {
    static final String[] MODELS = {"H100", "A100", "T4"};

    record Input(ClusterSnapshot snapshot, List<PendingJob> jobs, SchedulerConfig config) {}

    @Provide
    Arbitrary<Input> inputs() {
        Arbitrary<NodeSnapshot> node = Combinators.combine(
                Arbitraries.integers().between(1, 8), Arbitraries.of(MODELS), Arbitraries.of(NodeState.class),
                Arbitraries.of(0L, 16_000L, 64_000L), Arbitraries.integers().between(0, 2)
        ).as((gpus, model, state, cpu, group) -> {
            List<Gpu> list = new ArrayList<>();
            for (int i = 0; i < gpus; i++) list.add(new Gpu(i, "u" + i, model, model.equals("T4") ? 16384 : 81920, group == 0 ? -1 : i / 2));
            return new NodeSnapshot("tmp", state, list, cpu, cpu * 4, Map.of("zone", group == 1 ? "eu" : "us"));
        });
        Arbitrary<List<NodeSnapshot>> nodes = node.list().ofMinSize(1).ofMaxSize(8).map(SchedulerPropertiesTest::named);
        Arbitrary<PendingJob> job = Combinators.combine(
                Arbitraries.of(0, 1, 1, 1, 2, 4, 8, 12, 16), Arbitraries.of(1000, 1000, 250, 500, 700),
                Arbitraries.of(Set.<String>of(), Set.of("H100"), Set.of("A100", "T4")), Arbitraries.of(0L, 2000L, 8000L),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 500),
                Arbitraries.of(0, 60, 3600), Arbitraries.of(false, false, true)
        ).as((gpus, milli, models, cpu, priority, submitted, estimate, zoned) -> {
            int share = gpus == 1 ? milli : 1000;
            ResourceRequest r = new ResourceRequest(gpus, share, models, 0, cpu, cpu * 2, zoned ? Map.of("zone", "eu") : Map.of());
            return new PendingJob("j", r, priority, priority < 2, at(submitted), estimate == 0 ? null : Duration.ofSeconds(estimate), "u");
        });
        Arbitrary<List<PendingJob>> jobs = job.list().ofMaxSize(25).map(SchedulerPropertiesTest::numbered);
        Arbitrary<SchedulerConfig> config = Combinators.combine(Arbitraries.of(QueueOrder.class), Arbitraries.of(Backfill.class),
                Arbitraries.of(PlacementStrategy.class), Arbitraries.of(true, false), Arbitraries.of(0, 1, 3))
                .as(SchedulerConfig::new);
        return Combinators.combine(nodes, jobs, config).flatAs((ns, js, c) ->
                allocationsFor(ns).map(allocs -> new Input(new ClusterSnapshot(ns, allocs), js, c)));
    }

    static List<NodeSnapshot> named(List<NodeSnapshot> nodes) {
        List<NodeSnapshot> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSnapshot n = nodes.get(i);
            out.add(new NodeSnapshot("n" + i, n.state(), n.gpus(), n.cpuMilli(), n.memoryMib(), n.labels()));
        }
        return out;
    }

    static List<PendingJob> numbered(List<PendingJob> jobs) {
        List<PendingJob> out = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            PendingJob j = jobs.get(i);
            out.add(new PendingJob("job" + i, j.request(), j.priority(), j.preemptible(), j.submittedAt(), j.estimate(), j.owner()));
        }
        return out;
    }

    /** Some running jobs: on each node, a prefix of GPUs taken whole or in part, never over capacity. */
    static Arbitrary<List<Allocation>> allocationsFor(List<NodeSnapshot> nodes) {
        return Arbitraries.integers().between(0, 1000).list().ofSize(nodes.size() * 2).map(seeds -> {
            List<Allocation> out = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                NodeSnapshot n = nodes.get(i);
                int used = seeds.get(2 * i) % (n.gpus().size() + 1);
                for (int g = 0; g < used; g++) {
                    int seed = seeds.get(2 * i + 1) + g;
                    int milli = seed % 3 == 0 ? 400 : 1000;
                    out.add(new Allocation("run-" + i + "-" + g, n.id(), List.of(g), milli, n.cpuMilli() / 16, n.memoryMib() / 16,
                            seed % 3, seed % 2 == 0, at(seed % 700), seed % 5 == 0 ? null : Duration.ofSeconds(seed), seed % 7 == 0));
                }
            }
            return out;
        });
    }

    static Plan schedule(Input in) {
        return new Scheduler(in.config()).schedule(in.snapshot(), in.jobs(), at(1000));
    }

    @Property(tries = 300)
    void no_gpu_cpu_or_memory_is_ever_over_allocated(@ForAll("inputs") Input in) {
        Plan plan = schedule(in);
        Map<String, NodeUsage> usage = new HashMap<>();
        for (NodeSnapshot n : in.snapshot().nodes()) usage.put(n.id(), NodeUsage.of(n, in.snapshot().allocations()));
        Map<String, NodeSnapshot> nodes = new HashMap<>();
        for (NodeSnapshot n : in.snapshot().nodes()) nodes.put(n.id(), n);
        Map<String, PendingJob> jobs = new HashMap<>();
        for (PendingJob j : in.jobs()) jobs.put(j.id(), j);
        for (Placement p : plan.placements()) {
            for (Placement.NodeAssignment a : p.assignments()) {
                NodeSnapshot node = nodes.get(a.nodeId());
                FitResult fit = Fit.recheck(node, usage.get(a.nodeId()), jobs.get(p.jobId()).request(), a);
                assertThat(fit.fits()).as("%s on %s: %s", p.jobId(), a.nodeId(), fit).isTrue();
                int[] gpus = a.gpuIndices().stream().mapToInt(Integer::intValue).toArray();
                usage.get(a.nodeId()).take(gpus, a.milliPerGpu(), a.cpuMilli(), a.memoryMib());
            }
        }
    }

    @Property(tries = 300)
    void every_job_is_either_placed_or_unplaced_with_a_reason(@ForAll("inputs") Input in) {
        Plan plan = schedule(in);
        List<String> seen = new ArrayList<>();
        plan.placements().forEach(p -> seen.add(p.jobId()));
        for (Unplaced u : plan.unplaced()) {
            seen.add(u.jobId());
            assertThat(u.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r.message()).isNotBlank());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(in.jobs().stream().map(PendingJob::id).toList());
    }

    @Property(tries = 200)
    void the_same_input_gives_the_same_plan(@ForAll("inputs") Input in) {
        List<PendingJob> shuffled = new ArrayList<>(in.jobs().reversed());
        List<NodeSnapshot> nodes = new ArrayList<>(in.snapshot().nodes().reversed());
        Plan again = new Scheduler(in.config()).schedule(new ClusterSnapshot(nodes, in.snapshot().allocations()), shuffled, at(1000));
        assertThat(again).isEqualTo(schedule(in));
    }

    @Property(tries = 300)
    void a_gang_is_placed_whole_or_not_at_all(@ForAll("inputs") Input in) {
        Plan plan = schedule(in);
        Map<String, PendingJob> jobs = new HashMap<>();
        for (PendingJob j : in.jobs()) jobs.put(j.id(), j);
        for (Placement p : plan.placements()) {
            int gpus = p.assignments().stream().mapToInt(a -> a.gpuIndices().size()).sum();
            assertThat(gpus).as(p.jobId()).isEqualTo(jobs.get(p.jobId()).request().gpus());
            assertThat(p.assignments()).extracting(Placement.NodeAssignment::nodeId).doesNotHaveDuplicates();
        }
    }

    @Property(tries = 200)
    void a_job_is_never_its_own_victim_and_victims_are_lower_priority(@ForAll("inputs") Input in) {
        Plan plan = schedule(in);
        Map<String, Allocation> running = new HashMap<>();
        in.snapshot().allocations().forEach(a -> running.put(a.jobId(), a));
        Map<String, PendingJob> jobs = new HashMap<>();
        in.jobs().forEach(j -> jobs.put(j.id(), j));
        for (Preemption p : plan.preemptions()) {
            Allocation victim = running.get(p.victimJobId());
            assertThat(victim.preemptible()).isTrue();
            assertThat(victim.releasing()).isFalse();
            assertThat(victim.priority()).isLessThan(jobs.get(p.beneficiaryJobId()).priority());
        }
        assertThat(plan.preemptions()).extracting(Preemption::victimJobId).doesNotHaveDuplicates();
    }

    /**
     * Scoring every feasible node, a search passes over nodes and whole free-GPU levels whose score
     * bound cannot beat the best option so far. A candidate limit above the node count scores every
     * feasible node too but skips nothing: both must give the same plan, to the GPU.
     */
    @Property(tries = 400)
    void skipping_nodes_that_cannot_beat_the_best_option_changes_no_plan(@ForAll("inputs") Input in) {
        SchedulerConfig c = in.config();
        SchedulerConfig all = new SchedulerConfig(c.order(), c.backfill(), c.placement(), c.preemption(), 0, c.workload());
        SchedulerConfig unbounded = new SchedulerConfig(c.order(), c.backfill(), c.placement(), c.preemption(), Integer.MAX_VALUE, c.workload());
        Plan skipping = new Scheduler(all).schedule(in.snapshot(), in.jobs(), at(1000));
        Plan scoringEvery = new Scheduler(unbounded).schedule(in.snapshot(), in.jobs(), at(1000));
        assertThat(skipping).isEqualTo(scoringEvery);
    }
}

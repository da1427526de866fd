package dev.fastgpu.scheduler;

import dev.fastgpu.scheduler.SchedulerConfig.Backfill;
import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.SchedulerConfig.QueueOrder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.fastgpu.scheduler.Builders.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Where jobs land: node state, models, memory, labels, CPU and memory, pack vs spread, topology, fractions. */
class SchedulerPlacementTest {
    static final SchedulerConfig PACK = new SchedulerConfig(QueueOrder.FIFO, Backfill.GREEDY, PlacementStrategy.PACK, false, 0);
    static final SchedulerConfig SPREAD = PACK.withPlacement(PlacementStrategy.SPREAD);

    static Plan schedule(SchedulerConfig config, ClusterSnapshot cluster, PendingJob... jobs) {
        return new Scheduler(config).schedule(cluster, List.of(jobs), at(1000));
    }

    static Placement.NodeAssignment only(Plan plan, String jobId) {
        Placement p = plan.placements().stream().filter(x -> x.jobId().equals(jobId)).findFirst().orElseThrow(
                () -> new AssertionError(jobId + " was not placed: " + plan.unplaced()));
        assertThat(p.assignments()).hasSize(1);
        return p.assignments().getFirst();
    }

    static List<String> reasons(Plan plan, String jobId) {
        return plan.unplaced().stream().filter(u -> u.jobId().equals(jobId)).findFirst().orElseThrow()
                .reasons().stream().map(Reason::message).toList();
    }

    @Test
    void places_a_one_gpu_job_on_a_ready_node() {
        Plan plan = schedule(PACK, cluster(aNode("n1").withGpus(8, "H100")), aJob("j1").build());

        assertThat(only(plan, "j1").nodeId()).isEqualTo("n1");
        assertThat(only(plan, "j1").gpuIndices()).containsExactly(0);
        assertThat(plan.unplaced()).isEmpty();
    }

    @Test
    void never_places_on_draining_or_down_nodes() {
        Plan plan = schedule(PACK, cluster(aNode("a").withGpus(8, "H100").draining(), aNode("b").withGpus(8, "H100").down(),
                aNode("c").withGpus(8, "H100")), aJob("j1").gpus(8).build(), aJob("j2").gpus(1).build());

        assertThat(only(plan, "j1").nodeId()).isEqualTo("c");
        assertThat(reasons(plan, "j2")).contains("2 nodes are draining or down");
    }

    @Test
    void explains_a_busy_model_the_way_a_user_can_act_on() {
        var snapshot = cluster(List.of(aNode("n1").withGpus(8, "H100").build(), aNode("n2").withGpus(8, "H100").build(),
                        aNode("n3").withGpus(8, "H100").build(), aNode("n4").withGpus(8, "A100").build()),
                List.of(anAllocation("x").on("n1", 0, 1, 2, 3, 4, 5, 6, 7).build(),
                        anAllocation("y").on("n2", 0, 1, 2, 3, 4, 5, 6, 7).build(),
                        anAllocation("z").on("n3", 0, 1, 2, 3, 4, 5).build()));

        Plan plan = schedule(PACK, snapshot, aJob("j").gpus(4).models("H100").build());

        assertThat(reasons(plan, "j")).containsExactly(
                "needs 4 free GPUs of model H100 on one node; 3 nodes have H100, most free on one node: 2",
                "1 node has no GPUs of model H100");
    }

    @Test
    void honours_allowed_models_and_minimum_gpu_memory() {
        var snapshot = cluster(aNode("a").withGpus(4, "A100", 40960), aNode("b").withGpus(4, "A100", 81920),
                aNode("c").withGpus(4, "L4", 24576));

        Plan plan = schedule(PACK, snapshot,
                aJob("big").gpus(2).models("A100").minGpuMemoryMib(60000).build(),
                aJob("l4").models("l4").build(),
                aJob("h100").models("H100").build());

        assertThat(only(plan, "big").nodeId()).isEqualTo("b");
        assertThat(only(plan, "l4").nodeId()).isEqualTo("c");
        assertThat(reasons(plan, "h100")).contains("3 nodes have no GPUs of model H100",
                "GPU models in the cluster: A100, L4");
    }

    @Test
    void honours_node_labels_cpu_and_memory() {
        var snapshot = cluster(aNode("a").withGpus(8, "H100").withCpuMilli(8000).withMemoryMib(64000).withLabel("zone", "eu"),
                aNode("b").withGpus(8, "H100").withCpuMilli(64000).withMemoryMib(512000).withLabel("zone", "us"));

        Plan plan = schedule(PACK, snapshot,
                aJob("eu").labels(Map.of("zone", "eu")).build(),
                aJob("hungry").cpuMilli(32000).memoryMib(256000).build(),
                aJob("too-hungry").cpuMilli(128000).build());

        assertThat(only(plan, "eu").nodeId()).isEqualTo("a");
        assertThat(only(plan, "hungry").nodeId()).isEqualTo("b");
        assertThat(only(plan, "hungry").cpuMilli()).isEqualTo(32000);
        assertThat(reasons(plan, "too-hungry")).containsExactly(
                "needs 128.0 CPU cores free; 2 nodes with the GPUs have less (most free: 32.0 CPU cores)");
    }

    @Test
    void pack_fills_the_fullest_node_that_fits() {
        var snapshot = cluster(List.of(aNode("a").withGpus(8, "H100").build(), aNode("b").withGpus(8, "H100").build()),
                List.of(anAllocation("x").on("b", 0, 1, 2, 3, 4).build()));

        assertThat(only(schedule(PACK, snapshot, aJob("j").gpus(2).build()), "j").nodeId()).isEqualTo("b");
        assertThat(only(schedule(PACK, snapshot, aJob("j").gpus(4).build()), "j").nodeId()).isEqualTo("a");
    }

    /**
     * Pack visits the fullest level first, yet a bigger node with more GPUs free can be fuller
     * after the job lands: 62 of 64 in use beats 30 of 31, by a tenth of a point. The search skips
     * levels and nodes only when their score bound cannot beat the best so far; here the bound is
     * exactly the big node's score, so a bound low by more than that tenth would lose it.
     */
    @Test
    void pack_finds_a_fuller_result_on_a_bigger_node_seen_later() {
        Integer[] smallUsed = java.util.stream.IntStream.range(0, 28).boxed().toArray(Integer[]::new); // 3 of 31 free: level 3
        Integer[] bigUsed = java.util.stream.IntStream.range(0, 60).boxed().toArray(Integer[]::new);   // 4 of 64 free: level 4
        var snapshot = cluster(List.of(aNode("a").withGpus(31, "H100").build(), aNode("b").withGpus(64, "H100").build()),
                List.of(anAllocation("x").on("a", smallUsed).build(), anAllocation("y").on("b", bigUsed).build()));

        assertThat(only(schedule(PACK, snapshot, aJob("j").gpus(2).build()), "j").nodeId()).isEqualTo("b");
    }

    @Test
    void spread_uses_the_emptiest_node() {
        var snapshot = cluster(List.of(aNode("a").withGpus(8, "H100").build(), aNode("b").withGpus(8, "H100").build()),
                List.of(anAllocation("x").on("a", 0).build()));

        Plan plan = schedule(SPREAD, snapshot, aJob("j1").build(), aJob("j2").build(), aJob("j3").build());

        assertThat(only(plan, "j1").nodeId()).isEqualTo("b");
        assertThat(only(plan, "j2").nodeId()).isEqualTo("a"); // a: 1 used, b: 1 used -> tie, lower index
        assertThat(only(plan, "j3").nodeId()).isEqualTo("b");
    }

    @Test
    void a_multi_gpu_job_takes_gpus_of_one_topology_group() {
        var snapshot = cluster(List.of(aNode("n1").withGpus(8, "H100").withTopologyGroupsOf(4).build()),
                List.of(anAllocation("x").on("n1", 0).build()));

        Plan plan = schedule(PACK, snapshot, aJob("j").gpus(4).build(), aJob("k").gpus(2).build());

        assertThat(only(plan, "j").gpuIndices()).containsExactly(4, 5, 6, 7);
        assertThat(only(plan, "k").gpuIndices()).containsExactly(1, 2);
    }

    @Test
    void fractional_jobs_share_a_gpu_up_to_a_whole_one() {
        Plan plan = schedule(PACK, cluster(aNode("n1").withGpus(2, "T4")),
                aJob("a").share(500).build(), aJob("b").share(300).build(), aJob("c").share(300).build(),
                aJob("d").share(200).build(), aJob("e").gpus(1).build());

        assertThat(only(plan, "a").gpuIndices()).containsExactly(0);
        assertThat(only(plan, "b").gpuIndices()).containsExactly(0);
        assertThat(only(plan, "c").gpuIndices()).containsExactly(1);
        assertThat(only(plan, "d").gpuIndices()).containsExactly(0);
        assertThat(only(plan, "d").milliPerGpu()).isEqualTo(200);
        assertThat(reasons(plan, "e")).first().asString()
                .isEqualTo("needs 1 free GPU of any model on one node; 1 node has GPUs, most free on one node: 0");
    }

    @Test
    void a_gang_takes_whole_free_nodes_plus_one_node_for_the_remainder() {
        var snapshot = cluster(List.of(aNode("a").withGpus(8, "H100").build(), aNode("b").withGpus(8, "H100").build(),
                        aNode("c").withGpus(8, "H100").build()),
                List.of(anAllocation("x").on("b", 0).build()));

        Plan plan = schedule(PACK, snapshot, aJob("g").gpus(12).build());

        Placement g = plan.placements().getFirst();
        assertThat(g.assignments()).extracting(Placement.NodeAssignment::nodeId).containsExactly("a", "b");
        assertThat(g.assignments().get(0).gpuIndices()).hasSize(8);
        assertThat(g.assignments().get(1).gpuIndices()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void a_gang_that_does_not_fit_takes_nothing() {
        var snapshot = cluster(List.of(aNode("a").withGpus(8, "H100").build(), aNode("b").withGpus(8, "H100").build()),
                List.of(anAllocation("x").on("b", 0, 1, 2, 3, 4).build()));

        Plan plan = schedule(PACK, snapshot, aJob("g").gpus(12).submittedAt(0).build(), aJob("after").gpus(8).submittedAt(1).build());

        assertThat(plan.placements()).extracting(Placement::jobId).containsExactly("after");
        assertThat(reasons(plan, "g")).containsExactly("needs 12 GPUs of model H100 across nodes: 1 node with all 8 H100 free"
                + " plus 4 free on one more node; 2 nodes ready with 8 H100, 0 of them entirely free, most free on another node: 3");
    }

    @Test
    void fragmentation_aware_placement_fills_a_partly_used_gpu_before_breaking_a_whole_one() {
        var snapshot = cluster(List.of(aNode("a").withGpus(2, "T4").build(), aNode("b").withGpus(2, "T4").build()),
                List.of(anAllocation("x").on("b", 1).share(500).build()));
        SchedulerConfig frag = PACK.withPlacement(PlacementStrategy.FRAG)
                .withWorkload(List.of(new TaskShape(1, 1000, java.util.Set.of(), 1), new TaskShape(1, 500, java.util.Set.of(), 1)));

        Plan plan = schedule(frag, snapshot, aJob("half").share(500).build());

        assertThat(only(plan, "half").nodeId()).isEqualTo("b");
        assertThat(only(plan, "half").gpuIndices()).containsExactly(1);
    }

    @Test
    void fragmentation_aware_placement_does_not_let_packing_strand_a_gpu_for_cpu_hungry_tasks() {
        // Workload: 1-GPU tasks, 1 in 100 needing 8 cores (both shapes fit on both nodes: scarcity 1).
        // Node a: 2 GPUs, 16 cores; node b: 4 GPUs, 64 cores. "big" takes 1 GPU and 9 cores.
        //   on a: 1 GPU and 7 cores left -> the 8-core shape no longer fits there: +1000 unusable x 0.01 = +10
        //         thousandths -> fragmentation score 50 * (1 - 10 / 4000) = 49.875; packing score 50 (half of a used)
        //   on b: 3 GPUs and 55 cores left, everything still fits: delta 0 -> 50; packing score 25
        // Packing weighted 1 against fragmentation 100 would choose a (100 * 49.875 + 50 > 100 * 50 + 25) and
        // leave a's last GPU to 7 cores: one of the five 8-core jobs below would find no room. Fragmentation
        // decides (packing only breaks its ties), so big goes to b and all six fit.
        var snapshot = cluster(aNode("a").withGpus(2, "T4").withCpuMilli(16_000), aNode("b").withGpus(4, "T4").withCpuMilli(64_000));
        SchedulerConfig frag = PACK.withPlacement(PlacementStrategy.FRAG).withWorkload(List.of(
                new TaskShape(1, 1000, java.util.Set.of(), 99), new TaskShape(1, 1000, java.util.Set.of(), 1, 8000, 0)));
        PendingJob[] jobs = new PendingJob[6];
        jobs[0] = aJob("big").cpuMilli(9000).submittedAt(0).build();
        for (int i = 1; i < 6; i++) jobs[i] = aJob("eight" + i).cpuMilli(8000).submittedAt(i).build();

        Plan plan = schedule(frag, snapshot, jobs);

        assertThat(only(plan, "big").nodeId()).isEqualTo("b");
        assertThat(plan.placements()).hasSize(6);
        assertThat(plan.unplaced()).isEmpty();
    }
}

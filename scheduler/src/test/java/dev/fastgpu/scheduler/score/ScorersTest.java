package dev.fastgpu.scheduler.score;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.TaskShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Table-driven scorer tests; each row's expected score is worked out in its comment. */
class ScorersTest {

    /** A 4-GPU node (topology groups of 2) whose GPUs have the given free shares, e.g. "1000 1000 500 0". */
    static Candidate candidate(String freeShares, String gpus, int milli) {
        int[] free = Arrays.stream(freeShares.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        List<Gpu> list = new ArrayList<>();
        for (int i = 0; i < free.length; i++) list.add(new Gpu(i, "u" + i, "H100", 81920, i / 2));
        NodeSnapshot node = new NodeSnapshot("n", NodeState.READY, list, 0, 0, Map.of());
        NodeUsage usage = NodeUsage.idle(node);
        for (int i = 0; i < free.length; i++) usage.take(new int[] {i}, 1000 - free[i], 0, 0);
        int[] chosen = gpus.isBlank() ? new int[0] : Arrays.stream(gpus.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        return new Candidate(node, new int[free.length], usage, chosen, milli);
    }

    @ParameterizedTest(name = "free [{0}], take GPUs [{1}] x {2} -> {3}")
    @CsvSource({
            // used after / capacity: (0 + 1000) / 4000 = 25 %
            "1000 1000 1000 1000, 0,     1000, 25.0",
            // (2500 + 1000) / 4000 = 87.5 %
            "1000 500 0 0,        0,     1000, 87.5",
            // used before 0 + 500 + 1000 + 1000 = 2500; (2500 + 500) / 4000 = 75 %
            "1000 500 0 0,        1,     500,  75.0",
            // (0 + 2 x 1000) / 4000 = 50 %
            "1000 1000 1000 1000, 0 1,   1000, 50.0",
    })
    void most_allocated_rewards_full_nodes(String free, String gpus, int milli, double expected) {
        assertThat(new MostAllocatedScorer().score(candidate(free, gpus, milli))).isCloseTo(expected, within(1e-9));
        assertThat(new LeastAllocatedScorer().score(candidate(free, gpus, milli))).isCloseTo(100 - expected, within(1e-9));
    }

    @ParameterizedTest(name = "GPUs [{0}] -> {1}")
    @CsvSource({
            "0,       100.0", // one GPU: nothing to be close to
            "0 1,     100.0", // one group (0)
            "1 2,     0.0",   // two GPUs, two groups: (2 - 2) / (2 - 1) = 0
            "0 1 2,   50.0",  // three GPUs, two groups: (3 - 2) / (3 - 1) = 50 %
            "0 1 2 3, 66.66666666666667", // four GPUs, two groups: (4 - 2) / (4 - 1)
    })
    void topology_rewards_gpus_in_one_group(String gpus, double expected) {
        assertThat(new TopologyScorer().score(candidate("1000 1000 1000 1000", gpus, 1000))).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest(name = "free [{0}], take [{1}] x {2}, workload {3} -> {4}")
    @CsvSource({
            // F = (free share a stream of the shape could not use) + (expected leftover per GPU).
            // workload whole 1-GPU tasks: unusable = free - 1000 per fully free GPU; leftover(f) = f below 1000, 0 at 1000.
            // before: [1000 1000 500 0] unusable 2500 - 2000 = 500, leftover 500 -> F = 1000.
            // taking 500 of GPU2: [1000 1000 0 0] -> F = 0; delta -1000 -> 50 * (1 + 1000 / 4000) = 62.5
            "1000 1000 500 0, 2, 500, whole1, 62.5",
            // taking 500 of GPU0: [500 1000 500 0] unusable 2000 - 1000 = 1000, leftover 1000 -> F = 2000; delta +1000 -> 37.5
            "1000 1000 500 0, 0, 500, whole1, 37.5",
            // workload 2-GPU whole tasks. before: one task fits -> unusable 500, leftover 500 -> F = 1000.
            // taking GPU0 whole: 1 fully free left, no task fits -> unusable 1500, leftover 500 -> F = 2000; delta 1000 -> 37.5
            "1000 1000 500 0, 0, 1000, whole2, 37.5",
            // workload half-GPU tasks: 5 fit in [1000 1000 500 0] -> unusable 0; leftover(1000) = leftover(500) = 0 -> F = 0.
            // taking 300 of GPU2 leaves 200: 4 fit -> unusable 2200 - 2000 = 200, leftover(200) = 200 -> F = 400 -> 45
            "1000 1000 500 0, 2, 300, half,   45.0",
    })
    void fragmentation_prefers_options_that_leave_usable_gpus(String free, String gpus, int milli, String workload, double expected) {
        List<TaskShape> shapes = switch (workload) {
            case "whole1" -> List.of(new TaskShape(1, 1000, Set.of(), 1));
            case "whole2" -> List.of(new TaskShape(2, 1000, Set.of(), 1));
            default -> List.of(new TaskShape(1, 500, Set.of(), 1));
        };
        FragmentationScorer scorer = new FragmentationScorer(shapes, List.of("H100"), 4000);
        assertThat(scorer.score(candidate(free, gpus, milli))).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest(name = "mixed workload, free [{0}] -> expected fragmentation {1}")
    @CsvSource({
            // 3/4 whole 1-GPU tasks (2 fit: unusable 500) + 1/4 2-GPU tasks (1 fits: unusable 500) -> 500;
            // leftover per GPU: 500 on GPU2 -> 1000
            "1000 1000 500 0, 1000.0",
            // one fully free GPU: 1-GPU tasks 500 unusable; 2-GPU tasks none fit -> all 1500 -> 0.75*500 + 0.25*1500 = 750; + 500
            "1000 0 500 0,    1250.0",
    })
    void expected_fragmentation_weighs_task_shapes_by_frequency(String free, double expected) {
        FragmentationScorer scorer = new FragmentationScorer(
                List.of(new TaskShape(1, 1000, Set.of(), 3), new TaskShape(2, 1000, Set.of(), 1)), List.of("H100"), 4000);
        int[] shares = Arrays.stream(free.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        assertThat(scorer.expectedFragmentation(shares, new int[shares.length])).isCloseTo(expected, within(1e-9));
    }

    @org.junit.jupiter.api.Test
    void what_repeated_tasks_cannot_fill_counts_as_fragment_even_when_one_task_fits() {
        // 0.47 tasks only: a free GPU takes two and keeps 60 (unusable 60); filled at random it also keeps 60 -> 120
        FragmentationScorer scorer = new FragmentationScorer(List.of(new TaskShape(1, 470, Set.of(), 1)), List.of("H100"), 4000);
        assertThat(scorer.expectedFragmentation(new int[] {1000}, new int[1])).isCloseTo(120.0, within(1e-9));
    }

    @org.junit.jupiter.api.Test
    void a_gpus_expected_leftover_follows_the_workloads_mix_of_sizes() {
        // sizes 810 and 160, equally frequent. leftover(190) = leftover(30) = 30 (only 160 fits);
        // leftover(680) = leftover(520) = ... = leftover(40) = 40; leftover(840) = (leftover(30) + leftover(680)) / 2 = 35;
        // leftover(1000) = (leftover(190) + leftover(840)) / 2 = 32.5
        double[] table = FragmentationScorer.leftoverTable(new int[] {810, 160}, new double[] {0.5, 0.5});
        assertThat(table[1000]).isCloseTo(32.5, within(1e-9));
        assertThat(table[100]).isEqualTo(100.0);
    }

    @org.junit.jupiter.api.Test
    void gpus_the_nodes_cpu_cannot_serve_count_as_fragments() {
        // 4 free GPUs, node with 16 cores; workload: 1-GPU tasks needing 8 cores. Before: 2 tasks fit -> 2000 unusable.
        List<Gpu> gpus = new ArrayList<>();
        for (int i = 0; i < 4; i++) gpus.add(new Gpu(i, "u" + i, "H100", 81920, -1));
        NodeSnapshot node = new NodeSnapshot("n", NodeState.READY, gpus, 16000, 0, Map.of());
        FragmentationScorer scorer = new FragmentationScorer(List.of(new TaskShape(1, 1000, Set.of(), 1, 8000, 0)), List.of("H100"), 4000);

        // a 1-GPU job taking 4 cores: 12 left, 1 task fits in 3 free GPUs -> still 2000 unusable; delta 0 -> 50
        double light = scorer.score(new Candidate(node, new int[4], NodeUsage.idle(node), new int[] {0}, 1000, 4000, 0));
        // taking 10 cores: 6 left, no task fits -> 3000 unusable; delta 1000 -> 50 * (1 - 1000 / 4000) = 37.5
        double heavy = scorer.score(new Candidate(node, new int[4], NodeUsage.idle(node), new int[] {0}, 1000, 10000, 0));

        assertThat(light).isCloseTo(50.0, within(1e-9));
        assertThat(heavy).isCloseTo(37.5, within(1e-9));
    }

    @org.junit.jupiter.api.Test
    void capacity_lost_to_a_shape_few_nodes_can_host_counts_for_more() {
        // Workload: 1-GPU tasks (weight 3) and 4-GPU tasks (weight 1); 4-GPU tasks fit on few nodes (scarcity 4).
        // A 1-GPU job on an empty 4-GPU node leaves 3 free GPUs: the 1-GPU shape loses nothing, the 4-GPU shape
        // can no longer use 3000. Frequency only: delta 0.25 * 3000 = 750 -> 50 * (1 - 750 / 4000) = 40.625.
        // With scarcity 4: the 4-GPU shape weighs 0.25 * 4 = 1 -> delta 3000 -> 50 * (1 - 3000 / 4000) = 12.5.
        // (Expected leftovers per GPU: 0 at 1000 free and at 0 free, as 1-GPU tasks fill a GPU exactly.)
        List<TaskShape> shapes = List.of(new TaskShape(1, 1000, Set.of(), 3), new TaskShape(4, 1000, Set.of(), 1));
        Candidate c = candidate("1000 1000 1000 1000", "0", 1000);

        assertThat(new FragmentationScorer(shapes, List.of("H100"), 4000).score(c)).isCloseTo(40.625, within(1e-9));
        assertThat(new FragmentationScorer(shapes, List.of("H100"), 4000, new double[] {1, 4}).score(c)).isCloseTo(12.5, within(1e-9));
    }
}

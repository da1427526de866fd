package dev.fastgpu.scheduler.score;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.TaskShape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShapeScarcityTest {

    static NodeSnapshot node(String id, int gpus, String model, long cpuMilli, long memoryMib) {
        List<Gpu> list = new ArrayList<>();
        for (int i = 0; i < gpus; i++) list.add(new Gpu(i, id + i, model, 81920, -1));
        return new NodeSnapshot(id, NodeState.READY, list, cpuMilli, memoryMib, Map.of());
    }

    @Test
    void a_shape_only_few_nodes_can_host_weighs_by_how_little_capacity_it_can_use() {
        // 16 GPUs: big (8 x H100, 512 GiB), small (8 x H100, 256 GiB).
        List<NodeSnapshot> nodes = List.of(node("big", 8, "H100", 128_000, 524_288), node("small", 8, "H100", 96_000, 262_144));
        double[] f = ShapeScarcity.of(List.of(
                new TaskShape(1, 500, Set.of(), 10),                     // any node: 16 / 16 = 1
                new TaskShape(8, 1000, Set.of(), 1, 64_000, 524_288),    // only big has the memory: 16 / 8 = 2
                new TaskShape(1, 1000, Set.of("A100"), 1)), nodes);      // no node: 1 (changes no choice)

        assertThat(f).containsExactly(new double[] {1.0, 2.0, 1.0}, within(1e-12));
    }

    @Test
    void a_tasks_gpus_must_be_of_one_allowed_model_on_one_node() {
        // 2 x T4 + 2 x P100 on one node, 4 x T4 on another: 8 GPUs.
        List<Gpu> mixed = List.of(new Gpu(0, "a", "T4", 16384, -1), new Gpu(1, "b", "T4", 16384, -1),
                new Gpu(2, "c", "P100", 16384, -1), new Gpu(3, "d", "P100", 16384, -1));
        List<NodeSnapshot> nodes = List.of(new NodeSnapshot("mixed", NodeState.READY, mixed, 0, 0, Map.of()),
                node("t4", 4, "T4", 0, 0));
        double[] f = ShapeScarcity.of(List.of(
                new TaskShape(3, 1000, Set.of(), 1),          // 3 GPUs of one model: only the 4 x T4 node -> 8 / 4 = 2
                new TaskShape(2, 1000, Set.of("P100"), 1)),   // the mixed node's 2 P100 -> 8 / 2 = 4
                nodes);

        assertThat(f).containsExactly(new double[] {2.0, 4.0}, within(1e-12));
    }
}

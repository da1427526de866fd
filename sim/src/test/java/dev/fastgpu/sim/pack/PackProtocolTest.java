package dev.fastgpu.sim.pack;

import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.trace.OpenbPod;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PackProtocolTest {
    private static OpenbPod pod(String name, int gpus, int milli, String... models) {
        return new OpenbPod(name, 2, 1000, 1024, gpus, milli, Set.of(models), 0, -1, -1);
    }

    @Test
    void shares_of_one_gpu_are_packed_and_a_pod_that_fits_nowhere_is_skipped() {
        List<NodeSnapshot> nodes = List.of(ClusterSpec.node("a", 2, "T4", 64_000, 65_536));
        List<OpenbPod> pods = List.of(pod("x", 1, 500), pod("y", 1, 500), pod("z", 1, 1000), pod("v", 1, 1000, "V100"));
        PackOptions options = new PackOptions(List.of(1L, 2L, 3L), PlacementStrategy.PACK, 130, 5, 0);

        for (SeedResult r : PackProtocol.run(nodes, pods, options)) {
            assertThat(r.allocatedAt130()).isLessThanOrEqualTo(100.0);
            assertThat(r.podsSkipped()).isGreaterThanOrEqualTo(1);
            assertThat(r.curve()).isNotEmpty();
            for (int i = 1; i < r.curve().size(); i++) assertThat(r.curve().get(i)[0]).isGreaterThan(r.curve().get(i - 1)[0]);
        }
    }

    @Test
    void the_same_seed_gives_the_same_result_and_seeds_parse_as_ranges() {
        List<NodeSnapshot> nodes = List.of(ClusterSpec.node("a", 8, "G2", 0, 0), ClusterSpec.node("b", 2, "T4", 0, 0));
        List<OpenbPod> pods = List.of(pod("p1", 1, 300), pod("p2", 2, 1000), pod("p3", 1, 700, "T4"), pod("p4", 4, 1000, "G2"));
        PackOptions options = new PackOptions(PackOptions.parseSeeds("42-44"), PlacementStrategy.PACK, 130, 10, 0);

        var a = PackProtocol.run(nodes, pods, options);
        var b = PackProtocol.run(nodes, pods, options);

        assertThat(options.seeds()).containsExactly(42L, 43L, 44L);
        for (int i = 0; i < a.size(); i++) assertThat(a.get(i).allocatedAt100()).isEqualTo(b.get(i).allocatedAt100());
    }

    @Test
    void the_fragmentation_workload_is_the_pod_lists_gpu_shapes_weighted_by_count_with_gpu_spec_kept() {
        List<NodeSnapshot> nodes = List.of(ClusterSpec.node("a", 8, "G2", 0, 0));
        List<OpenbPod> pods = List.of(pod("p1", 1, 300), pod("p2", 1, 300), pod("p3", 1, 700, "T4"), pod("p4", 0, 1000),
                pod("p5", 16, 1000));

        var shapes = PackProtocol.workload(nodes, pods);

        // CPU-only pods and pods larger than any node are not shapes; equal requests are one shape
        assertThat(shapes).hasSize(2);
        assertThat(shapes.get(0).milliPerGpu()).isEqualTo(300);
        assertThat(shapes.get(0).weight()).isEqualTo(2.0);
        assertThat(shapes.get(0).cpuMilli()).isEqualTo(512); // 1 core, by class
        assertThat(shapes.get(1).models()).containsExactly("T4");
    }

    @Test
    void host_requests_count_by_power_of_two_class_and_every_shape_is_kept() {
        List<NodeSnapshot> nodes = List.of(ClusterSpec.node("a", 8, "G2", 0, 0));
        List<OpenbPod> pods = new ArrayList<>();
        // 12 and 14 cores, 60 and 62 GiB: one class (8.192 cores, 32 GiB); 17 cores is in the next class
        pods.add(new OpenbPod("c12", 2, 12_000, 61_440, 1, 1000, Set.of(), 0, -1, -1));
        pods.add(new OpenbPod("c14", 3, 14_000, 63_488, 1, 1000, Set.of(), 0, -1, -1));
        pods.add(new OpenbPod("c17", 4, 17_000, 61_440, 1, 1000, Set.of(), 0, -1, -1));
        for (int i = 1; i <= 40; i++) pods.add(pod("s" + i, 1, 20 * i)); // 40 distinct shares: more than any old cutoff

        var shapes = PackProtocol.workload(nodes, pods);

        assertThat(shapes).hasSize(42);
        assertThat(shapes.get(0).weight()).isEqualTo(2.0);
        assertThat(shapes.get(0).cpuMilli()).isEqualTo(8192);
        assertThat(shapes.get(0).memoryMib()).isEqualTo(32_768);
        assertThat(shapes.get(1).cpuMilli()).isEqualTo(16_384);
    }
}

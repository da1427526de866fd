package dev.fastgpu.scheduler;

import dev.fastgpu.model.ResourceRequest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static dev.fastgpu.scheduler.Builders.aNode;
import static org.assertj.core.api.Assertions.assertThat;

/** The short-cuts the hot path takes on nodes of one GPU model give the answers of the general code. */
class PlainNodePickTest {
    private static final int[] SHARES = {0, 250, 500, 999, 1000};

    @Property(tries = 500)
    void the_plain_node_pick_chooses_the_gpus_the_general_pick_chooses(
            @ForAll @Size(min = 1, max = 70) List<@IntRange(min = 0, max = 4) Integer> used,
            @ForAll @IntRange(min = 1, max = 70) int gpus,
            @ForAll @IntRange(min = 1, max = 1000) int share,
            @ForAll boolean fractional) {
        NodeSnapshot node = aNode("n1").withGpus(used.size(), "H100").build();
        NodeUsage usage = usageOf(node, used);
        ResourceRequest request = fractional ? ResourceRequest.fraction(share) : ResourceRequest.gpus(gpus);

        for (GpuPicker.Preference p : GpuPicker.Preference.values()) {
            assertThat(GpuPicker.pickOnPlainNode(node, usage, request, p)).isEqualTo(GpuPicker.pick(node, usage, request, p));
        }
    }

    @Property(tries = 300)
    void the_running_totals_of_a_usage_match_its_gpus_after_any_takes_and_gives(
            @ForAll @Size(min = 1, max = 70) List<@IntRange(min = 0, max = 4) Integer> used,
            @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 69) Integer> given) {
        NodeSnapshot node = aNode("n1").withGpus(used.size(), "H100").build();
        NodeUsage usage = usageOf(node, used);
        for (int g : given) if (g < used.size()) usage.give(new int[] {g}, 300, 0, 0);

        long total = 0;
        int whole = 0;
        int partly = 0;
        for (int g = 0; g < usage.gpuCount(); g++) {
            int free = usage.freeMilli(g);
            total += free;
            if (free == 1000) whole++;
            else if (free > 0) partly++;
            int next = usage.nextWholeFree(g);
            int expected = g;
            while (expected < usage.gpuCount() && usage.freeMilli(expected) != 1000) expected++;
            assertThat(next).isEqualTo(expected == usage.gpuCount() ? -1 : expected);
        }
        assertThat(usage.totalFreeMilli()).isEqualTo(total);
        assertThat(usage.wholeFreeCount()).isEqualTo(whole);
        assertThat(usage.partlyFreeCount()).isEqualTo(partly);
        assertThat(usage.copy().totalFreeMilli()).isEqualTo(total);
    }

    /** GPU g gets SHARES[used[g]] taken. */
    private static NodeUsage usageOf(NodeSnapshot node, List<Integer> used) {
        NodeUsage usage = NodeUsage.idle(node);
        for (int g = 0; g < used.size(); g++) {
            int share = SHARES[used.get(g)];
            if (share > 0) usage.take(new int[] {g}, share, 0, 0);
        }
        return usage;
    }
}

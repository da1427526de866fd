package dev.fastgpu.scheduler;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.filter.Filters;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fastgpu.scheduler.Builders.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared Fit check, as the scheduler and the server's plan applier use it. */
class FitTest {
    static final NodeSnapshot NODE = aNode("n1").withGpus(4, "H100").withCpuMilli(16000).withMemoryMib(64000).build();

    @Test
    void picks_gpus_when_the_request_fits() {
        NodeUsage usage = NodeUsage.of(NODE, List.of(anAllocation("x").on("n1", 0).build()));

        FitResult fit = Fit.check(NODE, usage, ResourceRequest.gpus(2));

        assertThat(fit.fits()).isTrue();
        assertThat(fit.gpuIndices()).containsExactly(1, 2); // no topology reported: lowest free indices
    }

    @Test
    void says_which_filter_rejected_and_why() {
        FitResult fit = Fit.check(NODE, NodeUsage.idle(NODE), ResourceRequest.gpus(1).withCpuMilli(32000));

        assertThat(fit.fits()).isFalse();
        assertThat(fit.rejectedBy()).isSameAs(Filters.CPU);
        assertThat(fit.reason().message()).isEqualTo("needs 32.0 CPU cores free; 1 node with the GPUs have less (most free: 16.0 CPU cores)");
    }

    @Test
    void recheck_rejects_an_assignment_whose_gpu_was_taken_since_the_plan() {
        var assignment = new Placement.NodeAssignment("n1", List.of(1, 2), 1000, 1000, 1000);
        NodeUsage now = NodeUsage.of(NODE, List.of(anAllocation("late").on("n1", 2).share(300).build()));

        FitResult fit = Fit.recheck(NODE, now, ResourceRequest.gpus(2), assignment);

        assertThat(fit.fits()).isFalse();
        assertThat(fit.reason().message()).isEqualTo("GPU 2 on node n1 has 0.700 GPU free, the plan gives the job 1.000 GPU");
        assertThat(Fit.recheck(NODE, NodeUsage.idle(NODE), ResourceRequest.gpus(2), assignment).fits()).isTrue();
    }

    @Test
    void recheck_rejects_a_node_that_stopped_being_ready() {
        NodeSnapshot draining = aNode("n1").withGpus(4, "H100").draining().build();
        var assignment = new Placement.NodeAssignment("n1", List.of(0), 1000, 0, 0);

        assertThat(Fit.recheck(draining, NodeUsage.idle(draining), ResourceRequest.gpus(1), assignment).rejectedBy())
                .isSameAs(Filters.NODE_STATE);
    }

    @Property(tries = 500)
    void the_free_gpu_filter_and_the_picker_agree(@ForAll @IntRange(min = 0, max = 1000) int used0,
                                                  @ForAll @IntRange(min = 0, max = 1000) int used1,
                                                  @ForAll @IntRange(min = 0, max = 1000) int used2,
                                                  @ForAll @IntRange(min = 1, max = 4) int gpus,
                                                  @ForAll @IntRange(min = 1, max = 1000) int share) {
        NodeSnapshot node = aNode("n1").withGpus(2, "H100").withGpus(2, "A100").build();
        NodeUsage usage = NodeUsage.idle(node);
        usage.take(new int[] {0}, used0, 0, 0);
        usage.take(new int[] {1}, used1, 0, 0);
        usage.take(new int[] {2}, used2, 0, 0);
        ResourceRequest request = gpus == 1 ? ResourceRequest.fraction(share) : ResourceRequest.gpus(gpus);

        boolean picked = GpuPicker.pick(node, usage, request, GpuPicker.Preference.BEST_FIT) != null;

        assertThat(Filters.GPU_FREE.accepts(node, usage, request)).isEqualTo(picked);
    }
}

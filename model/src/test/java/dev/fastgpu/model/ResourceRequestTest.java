package dev.fastgpu.model;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceRequestTest {

    @Test
    void model_names_are_canonicalised_and_sorted() {
        ResourceRequest r = ResourceRequest.gpus(2).withModels(" h100", "A100");
        assertThat(r.gpuModels()).containsExactly("A100", "H100");
        assertThat(r.allowsModel("H100")).isTrue();
        assertThat(r.allowsModel("V100")).isFalse();
        assertThat(ResourceRequest.gpus(1).allowsModel("V100")).as("empty set allows any").isTrue();
    }

    @Test
    void a_fractional_share_is_only_for_one_gpu() {
        assertThat(ResourceRequest.fraction(250).totalGpuMilli()).isEqualTo(250);
        assertThatThrownBy(() -> new ResourceRequest(2, 500, Set.of(), 0, 0, 0, Map.of()))
                .hasMessageContaining("only possible for a job asking for exactly 1 GPU");
    }

    @Test
    void out_of_range_values_are_rejected_with_the_value_named() {
        assertThatThrownBy(() -> ResourceRequest.gpus(-1)).hasMessage("gpus must be >= 0, got -1");
        assertThatThrownBy(() -> ResourceRequest.fraction(0)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> ResourceRequest.fraction(1001)).hasMessageContaining("got 1001");
        assertThatThrownBy(() -> ResourceRequest.gpus(1).withModels(" ")).hasMessageContaining("must not be blank");
    }
}

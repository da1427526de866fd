package dev.fastgpu.model;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

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

    @Test
    void requests_for_the_same_models_share_one_unmodifiable_set_equal_to_a_plain_one() {
        ResourceRequest a = ResourceRequest.gpus(1).withModels("h100", "a100");
        ResourceRequest b = ResourceRequest.gpus(8).withModels("A100", "H100");
        assertThat(a.gpuModels()).isSameAs(b.gpuModels()).isEqualTo(Set.of("A100", "H100")).containsExactly("A100", "H100");
        assertThat(ResourceRequest.gpus(1).withModels("L4").gpuModels()).isNotSameAs(a.gpuModels()).isEqualTo(Set.of("L4"));
        assertThat(ResourceRequest.gpus(1).gpuModels()).isEmpty();
        assertThatThrownBy(() -> a.gpuModels().add("B200")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(a).isEqualTo(ResourceRequest.gpus(1).withModels("A100", "H100"));
    }

    @Test
    void past_the_limit_of_kept_sets_new_ones_are_equal_but_not_shared() {
        ModelSets sets = new ModelSets(2);
        SortedSet<String> a = sets.shared(new TreeSet<>(Set.of("A")));
        SortedSet<String> b = sets.shared(new TreeSet<>(Set.of("B")));
        assertThat(sets.shared(new TreeSet<>(Set.of("A")))).isSameAs(a);
        SortedSet<String> c = sets.shared(new TreeSet<>(Set.of("C")));
        assertThat(c).containsExactly("C");
        assertThat(sets.shared(new TreeSet<>(Set.of("C")))).isEqualTo(c).isNotSameAs(c);
        assertThat(sets.shared(new TreeSet<>(Set.of("B")))).isSameAs(b);
        assertThat(sets.shared(new TreeSet<>())).isEmpty();
    }
}

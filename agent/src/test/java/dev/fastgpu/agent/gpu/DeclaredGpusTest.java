package dev.fastgpu.agent.gpu;

import dev.fastgpu.model.Gpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredGpusTest {

    @Test
    void eight_h100_declares_eight_indexed_80_gib_gpus() {
        List<Gpu> gpus = DeclaredGpus.parse("8xH100-80GB", "node-a");
        assertThat(gpus).hasSize(8);
        assertThat(gpus).extracting(Gpu::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(gpus).allSatisfy(g -> {
            assertThat(g.model()).isEqualTo("H100");
            assertThat(g.memoryMib()).isEqualTo(80 * 1024);
        });
        assertThat(gpus).extracting(Gpu::uuid).doesNotHaveDuplicates().allMatch(u -> u.contains("node-a"));
    }

    @Test
    void several_groups_are_numbered_in_order() {
        List<Gpu> gpus = DeclaredGpus.parse("2xa100-40GB, 1xL4-24576MiB", "n");
        assertThat(gpus).extracting(Gpu::model).containsExactly("A100", "A100", "L4");
        assertThat(gpus).extracting(Gpu::index).containsExactly(0, 1, 2);
        assertThat(gpus.get(2).memoryMib()).isEqualTo(24576);
    }

    @Test
    void zero_declares_a_cpu_only_node() {
        assertThat(DeclaredGpus.parse("0", "n")).isEmpty();
        assertThat(DeclaredGpus.parse("none", "n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8H100", "H100-80GB", "8xH100", "0xH100-80GB", "8xH100-0GB", "8xH100-80TB", "x-", "8xH100-80GB,,"})
    void bad_declarations_are_rejected_with_an_example(String spec) {
        assertThatThrownBy(() -> DeclaredGpus.parse(spec, "n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8xH100-80GB");
    }

    @Test
    void a_declaration_without_memory_says_what_is_missing() {
        assertThatThrownBy(() -> DeclaredGpus.parse("2xA100", "n")).hasMessageContaining("gives no memory per GPU")
                .hasMessageContaining("2xA100-80GB");
    }
}

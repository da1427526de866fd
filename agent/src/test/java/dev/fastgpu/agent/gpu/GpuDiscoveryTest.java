package dev.fastgpu.agent.gpu;

import dev.fastgpu.model.Gpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpuDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void discovers_gpus_from_a_fake_nvidia_smi() throws IOException {
        Path smi = FakeNvidiaSmi.write(tmp, List.of(
                "0, GPU-aaaa, NVIDIA A100-SXM4-80GB, 81920",
                "1, GPU-bbbb, NVIDIA A100-SXM4-80GB, 81920",
                "2, GPU-cccc, NVIDIA L4, 23034"), List.of());

        List<Gpu> gpus = new GpuDiscovery(new NvidiaSmi(smi.toString())).discover();

        assertThat(gpus).containsExactly(
                new Gpu(0, "GPU-aaaa", "A100", 81920, -1),
                new Gpu(1, "GPU-bbbb", "A100", 81920, -1),
                new Gpu(2, "GPU-cccc", "L4", 23034, -1));
    }

    /**
     * The lines a real H100 gave for both queries (driver 580.159.04, CUDA 13.0, nvidia-smi called with the
     * agent's own arguments on a lent GPU machine, 2026-11-26): idle, then under bf16 matrix products.
     */
    @Test
    void parses_what_a_real_h100_printed() throws IOException {
        Path smi = FakeNvidiaSmi.write(tmp,
                List.of("0, GPU-f0e7724f-c1b6-fc68-3ca3-69ab1e33984f, NVIDIA H100 80GB HBM3, 81559"),
                List.of("0, 0, 0, 72.66"));
        NvidiaSmi nvidiaSmi = new NvidiaSmi(smi.toString());

        assertThat(new GpuDiscovery(nvidiaSmi).discover())
                .containsExactly(new Gpu(0, "GPU-f0e7724f-c1b6-fc68-3ca3-69ab1e33984f", "H100", 81559, -1));
        assertThat(nvidiaSmi.query(GpuSampler.FIELDS)).singleElement()
                .satisfies(line -> assertThat(GpuSampler.parseLine(line)).isEqualTo(new GpuSample(0, 0, 0, 72.66)));
        assertThat(GpuSampler.parseLine("0, 100, 1139, 696.37")).isEqualTo(new GpuSample(0, 100, 1139, 696.37));
    }

    @Test
    void reads_utilisation_memory_and_power_and_leaves_unreported_fields_unknown() {
        assertThat(GpuSampler.parseLine("0, 97, 40000, 612.50")).isEqualTo(new GpuSample(0, 97, 40000, 612.5));
        assertThat(GpuSampler.parseLine("1, 3, 1024, [N/A]")).isEqualTo(new GpuSample(1, 3, 1024, -1));
        assertThat(GpuSampler.parseLine("2, [Not Supported], 0, 80.1")).isEqualTo(new GpuSample(2, -1, 0, 80.1));
        assertThatThrownBy(() -> GpuSampler.parseLine("0, 97, 40000")).hasMessageContaining("'0, 97, 40000'");
    }

    @Test
    void a_failing_nvidia_smi_is_reported_with_its_output() throws IOException {
        Path smi = FakeNvidiaSmi.write(tmp, List.of(), List.of());
        assertThatThrownBy(() -> new NvidiaSmi(smi.toString()).query("bogus"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exit code 2")
                .hasMessageContaining("unsupported arguments");
    }

    @Test
    void a_malformed_line_names_the_line() {
        assertThatThrownBy(() -> GpuDiscovery.parse(List.of("0, GPU-x, H100")))
                .hasMessageContaining("'0, GPU-x, H100'");
    }
}

package dev.fastgpu.agent.gpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GpuModelNamesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "NVIDIA H100 80GB HBM3, H100",
            "NVIDIA H100 PCIe, H100",
            "NVIDIA A100-SXM4-80GB, A100",
            "NVIDIA A100-PCIE-40GB, A100",
            "Tesla V100-SXM2-16GB, V100",
            "Tesla T4, T4",
            "NVIDIA L4, L4",
            "NVIDIA L40S, L40S",
            "NVIDIA GeForce RTX 4090, RTX4090",
            "NVIDIA RTX A6000, RTXA6000",
            "NVIDIA H200, H200",
            "NVIDIA GH200 480GB, GH200",
    })
    void maps_product_names_to_canonical_models(String product, String model) {
        assertThat(GpuModelNames.canonical(product)).isEqualTo(model);
    }
}

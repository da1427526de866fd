package dev.fastgpu.agent.gpu;

import dev.fastgpu.model.GpuModels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps the product names nvidia-smi prints to the canonical model names the scheduler matches on:
 * "NVIDIA H100 80GB HBM3" and "NVIDIA H100 PCIe" are both "H100", "NVIDIA A100-SXM4-80GB" is "A100",
 * "NVIDIA GeForce RTX 4090" is "RTX4090".
 */
public final class GpuModelNames {
    private static final Set<String> VENDOR_WORDS = Set.of("NVIDIA", "TESLA", "GEFORCE", "QUADRO");
    private static final Set<String> JOINED_PREFIXES = Set.of("RTX", "GTX", "TITAN");

    private GpuModelNames() {}

    public static String canonical(String productName) {
        if (productName == null || productName.isBlank()) {
            throw new IllegalArgumentException("nvidia-smi reported a GPU without a name");
        }
        List<String> words = new ArrayList<>();
        for (String w : productName.trim().toUpperCase(Locale.ROOT).split("\\s+")) {
            if (!VENDOR_WORDS.contains(w)) words.add(w);
        }
        if (words.isEmpty()) return GpuModels.canonical(productName);
        String first = words.getFirst();
        if (JOINED_PREFIXES.contains(first) && words.size() > 1) {
            first = first + words.get(1);
        }
        // "A100-SXM4-80GB": the model is the part before the form factor.
        int dash = first.indexOf('-');
        if (dash > 0) first = first.substring(0, dash);
        return GpuModels.canonical(first);
    }
}

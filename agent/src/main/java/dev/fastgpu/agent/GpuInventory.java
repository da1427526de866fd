package dev.fastgpu.agent;

import dev.fastgpu.agent.gpu.DeclaredGpus;
import dev.fastgpu.agent.gpu.GpuDiscovery;
import dev.fastgpu.agent.gpu.GpuSampler;
import dev.fastgpu.agent.gpu.NvidiaSmi;
import dev.fastgpu.model.Gpu;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The node's GPUs and, when they are real, a sampler for them. Declared GPUs win; otherwise
 * nvidia-smi (given or on the PATH) is asked; without either the agent refuses to guess.
 */
public record GpuInventory(List<Gpu> gpus, Optional<GpuSampler> sampler, String source) {

    public static GpuInventory resolve(AgentConfig config) throws IOException {
        if (config.declaredGpus() != null) {
            return new GpuInventory(DeclaredGpus.parse(config.declaredGpus(), config.nodeName()), Optional.empty(),
                    "declared " + config.declaredGpus());
        }
        Optional<NvidiaSmi> smi = config.nvidiaSmi() != null ? Optional.of(new NvidiaSmi(config.nvidiaSmi())) : NvidiaSmi.onPath();
        if (smi.isEmpty()) {
            throw new IOException("no nvidia-smi on the PATH, so this machine's GPUs cannot be discovered; "
                    + "declare them instead, e.g. --gpus 8xH100-80GB (or --gpus 0 for a CPU-only node)");
        }
        List<Gpu> gpus = new GpuDiscovery(smi.get()).discover();
        return new GpuInventory(gpus, Optional.of(new GpuSampler(smi.get())), "nvidia-smi at " + smi.get().executable());
    }
}

package dev.fastgpu.agent.gpu;

import dev.fastgpu.model.Gpu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Lists a node's GPUs through nvidia-smi and parses them into {@link Gpu}s. */
public final class GpuDiscovery {
    static final String FIELDS = "index,uuid,name,memory.total";
    private final NvidiaSmi smi;

    public GpuDiscovery(NvidiaSmi smi) {
        this.smi = smi;
    }

    public List<Gpu> discover() throws IOException {
        return parse(smi.query(FIELDS));
    }

    /** Parses lines like {@code 0, GPU-5c3a..., NVIDIA H100 80GB HBM3, 81559}. */
    public static List<Gpu> parse(List<String> lines) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException("unexpected nvidia-smi line (want index, uuid, name, memory.total): '" + line + "'");
            }
            try {
                int index = Integer.parseInt(f[0].strip());
                long memory = Long.parseLong(f[3].strip());
                gpus.add(new Gpu(index, f[1].strip(), GpuModelNames.canonical(f[2].strip()), memory, -1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unexpected number in nvidia-smi line '" + line + "': " + e.getMessage(), e);
            }
        }
        return List.copyOf(gpus);
    }
}

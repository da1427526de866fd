package dev.fastgpu.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a job asks for.
 *
 * <p>GPUs: {@code gpus} devices, each at {@code milliPerGpu} thousandths. A whole-GPU job has
 * {@code milliPerGpu = 1000}; a fractional job asks for one GPU with {@code milliPerGpu} in 1..999
 * and may share that device with other fractional jobs up to 1000. A request for more GPUs than a
 * single node holds is a gang: it is placed on several nodes at once, all or nothing.
 *
 * @param gpus            number of GPUs (0 for a CPU-only job)
 * @param milliPerGpu     share of each GPU in thousandths, 1..1000
 * @param gpuModels       allowed GPU models (canonical names); empty means any model
 * @param minGpuMemoryMib minimum memory per GPU in MiB, 0 for no minimum
 * @param cpuMilli        CPU in thousandths of a core, 0 for no requirement
 * @param memoryMib       host memory in MiB, 0 for no requirement
 * @param nodeLabels      labels a node must carry with exactly these values
 */
public record ResourceRequest(int gpus, int milliPerGpu, Set<String> gpuModels, long minGpuMemoryMib,
                              long cpuMilli, long memoryMib, Map<String, String> nodeLabels) {
    public static final int WHOLE = 1000;

    public ResourceRequest {
        if (gpus < 0) throw new IllegalArgumentException("gpus must be >= 0, got " + gpus);
        if (milliPerGpu < 1 || milliPerGpu > WHOLE) {
            throw new IllegalArgumentException("GPU share must be between 1 and 1000 thousandths, got " + milliPerGpu);
        }
        if (milliPerGpu < WHOLE && gpus != 1) {
            throw new IllegalArgumentException("a fractional GPU share (" + milliPerGpu
                    + "/1000) is only possible for a job asking for exactly 1 GPU, not " + gpus);
        }
        if (minGpuMemoryMib < 0 || cpuMilli < 0 || memoryMib < 0) {
            throw new IllegalArgumentException("memory and CPU requests must not be negative");
        }
        TreeSet<String> models = new TreeSet<>();
        for (String m : gpuModels == null ? Set.<String>of() : gpuModels) models.add(GpuModels.canonical(m));
        gpuModels = ModelSets.REQUESTS.shared(models);
        nodeLabels = nodeLabels == null ? Map.of() : Map.copyOf(nodeLabels);
    }

    /** {@code n} whole GPUs of any model, nothing else. */
    public static ResourceRequest gpus(int n) {
        return new ResourceRequest(n, WHOLE, Set.of(), 0, 0, 0, Map.of());
    }

    /** A share of one GPU, in thousandths. */
    public static ResourceRequest fraction(int milli) {
        return new ResourceRequest(1, milli, Set.of(), 0, 0, 0, Map.of());
    }

    public ResourceRequest withModels(String... models) {
        return new ResourceRequest(gpus, milliPerGpu, Set.of(models), minGpuMemoryMib, cpuMilli, memoryMib, nodeLabels);
    }

    public ResourceRequest withMinGpuMemoryMib(long mib) {
        return new ResourceRequest(gpus, milliPerGpu, gpuModels, mib, cpuMilli, memoryMib, nodeLabels);
    }

    public ResourceRequest withCpuMilli(long milli) {
        return new ResourceRequest(gpus, milliPerGpu, gpuModels, minGpuMemoryMib, milli, memoryMib, nodeLabels);
    }

    public ResourceRequest withMemoryMib(long mib) {
        return new ResourceRequest(gpus, milliPerGpu, gpuModels, minGpuMemoryMib, cpuMilli, mib, nodeLabels);
    }

    public ResourceRequest withNodeLabels(Map<String, String> labels) {
        return new ResourceRequest(gpus, milliPerGpu, gpuModels, minGpuMemoryMib, cpuMilli, memoryMib, labels);
    }

    public boolean isFractional() {
        return milliPerGpu < WHOLE;
    }

    /** Total GPU demand in thousandths (what GPU-seconds and utilisation are measured in). */
    public long totalGpuMilli() {
        return (long) gpus * milliPerGpu;
    }

    public boolean allowsModel(String model) {
        return gpuModels.isEmpty() || gpuModels.contains(model);
    }
}

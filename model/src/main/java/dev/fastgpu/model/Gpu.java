package dev.fastgpu.model;

/**
 * One physical GPU of a node.
 *
 * @param index         the device index on its node (what CUDA_VISIBLE_DEVICES names)
 * @param uuid          the device UUID reported by the driver, or a generated one for declared GPUs
 * @param model         canonical model name, e.g. "H100" (see {@link GpuModels})
 * @param memoryMib     device memory in MiB
 * @param topologyGroup GPUs with the same group are close to each other (NVLink island, PCIe switch);
 *                      -1 when the node did not report topology
 */
public record Gpu(int index, String uuid, String model, long memoryMib, int topologyGroup) {
    public Gpu {
        if (index < 0) throw new IllegalArgumentException("GPU index must be >= 0, got " + index);
        model = GpuModels.canonical(model);
        if (memoryMib < 0) throw new IllegalArgumentException("GPU memory must be >= 0 MiB, got " + memoryMib);
    }
}

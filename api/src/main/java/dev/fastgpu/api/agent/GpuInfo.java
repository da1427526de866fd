package dev.fastgpu.api.agent;

/**
 * A GPU an agent found (nvidia-smi) or was told to declare.
 *
 * @param index         device index
 * @param uuid          device UUID
 * @param model         model name ("H100"; the server canonicalises spelling)
 * @param memoryMib     device memory
 * @param topologyGroup NVLink island / PCIe switch group, -1 if unknown
 */
public record GpuInfo(int index, String uuid, String model, long memoryMib, int topologyGroup) {
}

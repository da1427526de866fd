package dev.fastgpu.api;

import java.util.List;

/**
 * One GPU of a node and who uses it.
 *
 * @param index         device index
 * @param uuid          device UUID
 * @param model         canonical model name
 * @param memoryMib     device memory
 * @param allocatedMilli thousandths in use (1000 = the whole GPU)
 * @param jobIds        jobs holding a share of it
 */
public record GpuView(int index, String uuid, String model, long memoryMib, int allocatedMilli, List<String> jobIds) {
}

package dev.fastgpu.api.agent;

import java.util.List;
import java.util.Map;

/**
 * Sent once by an agent with the cluster's join token ({@code POST /api/v1/agent/join}).
 *
 * @param nodeId   the id the agent had before (rejoin after a restart), or null for a new node
 * @param hostname machine name
 * @param gpus     its GPUs, by index 0..n-1
 * @param cpuMilli allocatable CPU in thousandths of a core
 * @param memoryMib allocatable memory
 * @param labels   node labels jobs may require
 * @param agentVersion the agent's version
 */
public record JoinRequest(String nodeId, String hostname, List<GpuInfo> gpus, long cpuMilli, long memoryMib,
                          Map<String, String> labels, String agentVersion) {
}

package dev.fastgpu.scheduler;

/**
 * A running job to evict so that a higher-priority job can start. The beneficiary is not placed in
 * the same pass: it waits (with a reason) until the victims have released their GPUs, and the
 * resources they free are kept for it in the meantime.
 *
 * @param victimJobId      job to stop
 * @param beneficiaryJobId job that needs its resources
 * @param nodeId           node where the resources are
 * @param lostGpuSeconds   work the victim loses (GPUs x seconds since it started)
 * @param reason           why, in words
 */
public record Preemption(String victimJobId, String beneficiaryJobId, String nodeId, double lostGpuSeconds, Reason reason) {
}

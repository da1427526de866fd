package dev.fastgpu.api;

import java.util.List;

/**
 * The answer to a dry run ({@code POST /api/v1/plan}): where a spec would go now, or why not.
 *
 * @param placeable   true when it would start in the next scheduling pass
 * @param placements  node and GPUs it would get (empty when not placeable)
 * @param reasons     why it would wait (empty when placeable)
 * @param jobsAhead   queued jobs that the queue order puts before it
 * @param everFits    false when no node in the cluster could ever hold it (the server would reject the submission)
 * @param estimatedCostPerHourUsd what its GPUs cost per hour at the configured price: of the GPUs it would get when
 *                    placeable, else of the cheapest GPU model it may get (the one it asks for, or those of the nodes
 *                    that could run it)
 * @param estimatedCostPerHourMaxUsd when it is not placeable and the models it may get differ in price, the cost per
 *                    hour on the dearest of them; otherwise null
 */
public record PlanView(boolean placeable, List<PlannedNode> placements, List<ReasonView> reasons, int jobsAhead,
                       boolean everFits, double estimatedCostPerHourUsd, Double estimatedCostPerHourMaxUsd) {

    /** GPUs on one node. */
    public record PlannedNode(String nodeId, List<Integer> gpuIndices, String gpuModel, int milliPerGpu) {
    }
}

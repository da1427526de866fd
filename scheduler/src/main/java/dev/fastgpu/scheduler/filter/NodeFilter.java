package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

/**
 * One feasibility check of a request against one node. Filters are stateless; {@link Filters#CHAIN}
 * lists them in the order they run.
 */
public interface NodeFilter {
    /** Stable code used in {@link Reason#code()}. */
    String code();

    boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request);

    /**
     * How close a rejected node came (free GPUs, free CPU, largest GPU memory...); the explanation
     * quotes the largest value seen. 0 when the filter has nothing to measure.
     */
    default long measure(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        return 0;
    }

    /**
     * Why the request was turned away by this filter, in words a user can act on.
     *
     * @param rejected how many nodes this filter rejected
     * @param reached  how many nodes got as far as this filter (passed every earlier one)
     * @param best     the largest {@link #measure} among the rejected nodes
     */
    Reason explain(ResourceRequest request, int rejected, int reached, long best);
}

package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

/** Only READY nodes take new work; DRAINING and DOWN nodes keep what they run. */
public final class NodeStateFilter implements NodeFilter {
    @Override
    public String code() {
        return "node_not_ready";
    }

    @Override
    public boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        return node.state() == NodeState.READY;
    }

    @Override
    public Reason explain(ResourceRequest request, int rejected, int reached, long best) {
        return new Reason(code(), Words.nodes(rejected) + (rejected == 1 ? " is" : " are") + " draining or down");
    }
}

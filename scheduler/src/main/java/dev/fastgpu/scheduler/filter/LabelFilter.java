package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;

import java.util.Map;

/** A job that names node labels runs only where every one of them is present with that value. */
public final class LabelFilter implements NodeFilter {
    @Override
    public String code() {
        return "node_labels";
    }

    @Override
    public boolean accepts(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        if (request.nodeLabels().isEmpty()) return true;
        for (Map.Entry<String, String> e : request.nodeLabels().entrySet()) {
            if (!e.getValue().equals(node.labels().get(e.getKey()))) return false;
        }
        return true;
    }

    @Override
    public Reason explain(ResourceRequest request, int rejected, int reached, long best) {
        return new Reason(code(), Words.nodes(rejected) + (rejected == 1 ? " lacks" : " lack")
                + " the labels " + Words.labels(request.nodeLabels()));
    }
}

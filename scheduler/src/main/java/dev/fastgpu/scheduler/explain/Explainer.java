package dev.fastgpu.scheduler.explain;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.Reason;
import dev.fastgpu.scheduler.filter.Filters;
import dev.fastgpu.scheduler.filter.NodeFilter;
import dev.fastgpu.scheduler.filter.Words;
import dev.fastgpu.scheduler.pass.ClusterState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Says why a request fits nowhere, from the state at the end of the pass: every node goes through
 * the filter chain, rejections are counted per filter, and each filter words its own count. The
 * filter that got closest to fitting comes first. Computed once per distinct request per pass.
 */
public final class Explainer {
    private final ClusterState state;
    private final Map<ResourceRequest, List<Reason>> cache = new HashMap<>();

    public Explainer(ClusterState state) {
        this.state = state;
    }

    /** Why {@code request} fits on no node now; never empty. */
    public List<Reason> explain(ResourceRequest request) {
        return cache.computeIfAbsent(request, r ->
                r.gpus() > Math.max(1, state.maxGpusOnOneNode(r)) ? explainGang(r) : explainSingle(r));
    }

    private List<Reason> explainSingle(ResourceRequest request) {
        if (state.nodeCount() == 0) return List.of(new Reason("no_nodes", "the cluster has no nodes"));
        List<NodeFilter> chain = Filters.CHAIN;
        int[] rejected = new int[chain.size()];
        long[] best = new long[chain.size()];
        int passed = 0;
        for (int n = 0; n < state.nodeCount(); n++) {
            NodeSnapshot node = state.node(n);
            NodeUsage usage = state.usage(n);
            int failed = -1;
            for (int i = 0; i < chain.size() && failed < 0; i++) {
                if (!chain.get(i).accepts(node, usage, request)) failed = i;
            }
            if (failed < 0) {
                passed++;
                continue;
            }
            rejected[failed]++;
            best[failed] = Math.max(best[failed], chain.get(failed).measure(node, usage, request));
        }
        List<Reason> reasons = new ArrayList<>();
        int reached = state.nodeCount();
        int[] reachedAt = new int[chain.size()];
        for (int i = 0; i < chain.size(); i++) {
            reachedAt[i] = reached;
            reached -= rejected[i];
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (rejected[i] > 0) reasons.add(chain.get(i).explain(request, rejected[i], reachedAt[i], best[i]));
        }
        int modelStep = chain.indexOf(Filters.GPU_MODEL);
        if (rejected[modelStep] > 0 && reachedAt[modelStep] == rejected[modelStep]) {
            reasons.add(new Reason("gpu_model", "GPU models in the cluster: " + String.join(", ", modelsPresent())));
        }
        if (passed > 0) {
            reasons.add(0, new Reason("capacity_taken", "fits on " + Words.nodes(passed)
                    + " now, but not without delaying or displacing jobs ahead of it in this pass"));
        }
        return List.copyOf(reasons);
    }

    private List<Reason> explainGang(ResourceRequest request) {
        List<Reason> reasons = new ArrayList<>();
        for (int m : state.eligibleModels(request)) {
            int size = state.maxPerNode(m);
            int whole = request.gpus() / size;
            int rest = request.gpus() % size;
            int sized = 0;
            int free = 0;
            int mostFreeElsewhere = 0;
            for (int n = state.readyNodes().nextSetBit(0); n >= 0; n = state.readyNodes().nextSetBit(n + 1)) {
                if (state.totalOfModel(n, m) != size) {
                    mostFreeElsewhere = Math.max(mostFreeElsewhere, state.freeWholeOfModel(n, m));
                    continue;
                }
                sized++;
                int f = state.freeWholeOfModel(n, m);
                if (f == size) free++;
                else mostFreeElsewhere = Math.max(mostFreeElsewhere, f);
            }
            String model = state.model(m);
            String need = "needs " + request.gpus() + " GPUs of model " + model + " across nodes: " + Words.nodes(whole)
                    + " with all " + size + " " + model + " free" + (rest > 0 ? " plus " + rest + " free on one more node" : "");
            reasons.add(new Reason("insufficient_gpus", need + "; " + Words.nodes(sized) + " ready with " + size + " " + model
                    + ", " + free + " of them entirely free" + (rest > 0 ? ", most free on another node: " + mostFreeElsewhere : "")));
        }
        if (reasons.isEmpty()) {
            reasons.add(new Reason("gpu_model", "no node has GPUs of " + Words.models(request)
                    + "; GPU models in the cluster: " + String.join(", ", modelsPresent())));
        }
        return List.copyOf(reasons);
    }

    private TreeSet<String> modelsPresent() {
        TreeSet<String> models = new TreeSet<>();
        for (int m = 0; m < state.modelCount(); m++) models.add(state.model(m));
        if (models.isEmpty()) models.add("none");
        return models;
    }
}

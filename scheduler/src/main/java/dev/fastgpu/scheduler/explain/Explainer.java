package dev.fastgpu.scheduler.explain;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.GpuPicker;
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
        int freeStep = chain.indexOf(Filters.GPU_FREE);
        int[] rejected = new int[chain.size()];
        long[] best = new long[chain.size()];
        int passed = 0;
        // filters before the free-GPU step ignore usage: judge them once per node class
        int classes = state.classCount();
        int[] classFail = new int[classes];
        long[] classMeasure = new long[classes];
        boolean[][] eligible = new boolean[classes][];
        boolean anyGpu = request.minGpuMemoryMib() == 0 && request.gpuModels().isEmpty(); // every GPU suits it
        for (int c = 0; c < classes; c++) {
            NodeSnapshot example = state.classExample(c);
            classFail[c] = -1;
            for (int i = 0; i < freeStep && classFail[c] < 0; i++) {
                if (!chain.get(i).accepts(example, null, request)) {
                    classFail[c] = i;
                    classMeasure[c] = chain.get(i).measure(example, null, request);
                }
            }
            eligible[c] = new boolean[example.gpus().size()];
            if (anyGpu) java.util.Arrays.fill(eligible[c], true);
            else for (int g = 0; g < eligible[c].length; g++) eligible[c][g] = GpuPicker.eligible(example.gpus().get(g), request);
        }
        int[] perModel = new int[Math.max(1, state.modelCount())];
        long need = request.isFractional() ? request.milliPerGpu() : request.gpus();
        for (int n = 0; n < state.nodeCount(); n++) {
            int c = state.nodeClass(n);
            int failed = classFail[c];
            long measure = classMeasure[c];
            if (failed < 0 && request.gpus() > 0) {
                measure = anyGpu && !request.isFractional() && state.plainGpus(n) ? state.usage(n).wholeFreeCount()
                        : freeMeasure(n, eligible[c], request.isFractional(), perModel);
                if (measure < need) failed = freeStep;
            }
            for (int i = freeStep + 1; i < chain.size() && failed < 0; i++) {
                NodeFilter f = chain.get(i);
                if (!f.accepts(state.node(n), state.usage(n), request)) {
                    failed = i;
                    measure = f.measure(state.node(n), state.usage(n), request);
                }
            }
            if (failed < 0) {
                passed++;
                continue;
            }
            rejected[failed]++;
            best[failed] = Math.max(best[failed], measure);
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

    /** As GpuFreeFilter.measure, from the pass's model ids: most free eligible GPUs of one model, or largest free share. */
    private long freeMeasure(int n, boolean[] eligible, boolean fractional, int[] perModel) {
        NodeUsage usage = state.usage(n);
        int[] models = state.gpuModels(n);
        long best = 0;
        for (int g = 0; g < models.length; g++) {
            if (!eligible[g]) continue;
            int free = usage.freeMilli(g);
            if (fractional) best = Math.max(best, free);
            else if (free == 1000) best = Math.max(best, ++perModel[models[g]]);
        }
        if (!fractional) for (int m : models) perModel[m] = 0;
        return best;
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

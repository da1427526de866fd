package dev.fastgpu.scheduler.place;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Fit;
import dev.fastgpu.scheduler.GpuPicker;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.SchedulerConfig;
import dev.fastgpu.scheduler.TaskShape;
import dev.fastgpu.scheduler.pass.ClusterState;
import dev.fastgpu.scheduler.score.Candidate;
import dev.fastgpu.scheduler.score.FragmentationScorer;
import dev.fastgpu.scheduler.score.LeastAllocatedScorer;
import dev.fastgpu.scheduler.score.MostAllocatedScorer;
import dev.fastgpu.scheduler.score.ShapeScarcity;
import dev.fastgpu.scheduler.score.TopologyScorer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Placement of one single-node request: candidate nodes from the free-GPU index, the shared
 * {@link Fit} check (filters, then GPU choice), an optional guard, then weighted scorers. The
 * whole pipeline for each strategy is wired in {@link #of}, top to bottom, and that is the only
 * place where weights live.
 */
public final class PlacementPipeline {
    /** Every score is at most 100, so a weighted mean of 100 cannot be beaten. */
    private static final double PERFECT = 100.0;
    /** The fragmentation scorer's weight in {@link #of}; the other FRAG scorers (weight 1) only break its ties. */
    static final double FRAG_WEIGHT = 10_000;

    private final ClusterState state;
    private final GpuPicker.Preference preference;
    private final CandidateOrder order;
    private final List<Weighted> scorers;
    private final double weightSum;
    private final int maxCandidates;
    private final boolean tryEveryGpu;
    /** Skip a node that is the twin of one already scored (same hardware, same usage): it would score the same. */
    private final boolean skipTwins;
    /**
     * Skip a node whose score bound cannot beat the best option found so far (see {@link #bound}).
     * Only when every feasible node is scored anyway (with a candidate limit, skipped nodes would
     * no longer count towards it), and with positive weights (so the bound is at least the score).
     */
    private final boolean skipBeaten;
    /** Most GPUs on any one node (for {@link #levelBound}). */
    private final int maxGpus;

    PlacementPipeline(ClusterState state, GpuPicker.Preference preference, boolean fullestFirst,
                      List<Weighted> scorers, int maxCandidates, boolean tryEveryGpu) {
        this(state, preference, fullestFirst, scorers, maxCandidates, tryEveryGpu, false);
    }

    PlacementPipeline(ClusterState state, GpuPicker.Preference preference, boolean fullestFirst,
                      List<Weighted> scorers, int maxCandidates, boolean tryEveryGpu, boolean skipTwins) {
        this.state = state;
        this.preference = preference;
        this.order = new CandidateOrder(fullestFirst);
        this.scorers = List.copyOf(scorers);
        double sum = 0;
        boolean positive = true;
        for (Weighted w : this.scorers) { // a loop, not a stream: one pipeline is built per pass
            sum += w.weight();
            positive &= w.weight() > 0;
        }
        this.weightSum = sum;
        this.maxCandidates = maxCandidates;
        this.tryEveryGpu = tryEveryGpu;
        this.skipTwins = skipTwins;
        this.skipBeaten = maxCandidates == 0 && positive;
        this.maxGpus = (int) (state.maxNodeMilli() / 1000);
    }

    /** The pipeline for the configured strategy. {@code workload} feeds the fragmentation scorer. */
    public static PlacementPipeline of(SchedulerConfig config, ClusterState state, List<TaskShape> workload) {
        int max = config.maxCandidates();
        return switch (config.placement()) {
            case PACK -> new PlacementPipeline(state, GpuPicker.Preference.BEST_FIT, true, List.of(
                    new Weighted(new MostAllocatedScorer(), 10),
                    new Weighted(new TopologyScorer(), 1)), max, false);
            case SPREAD -> new PlacementPipeline(state, GpuPicker.Preference.WORST_FIT, false, List.of(
                    new Weighted(new LeastAllocatedScorer(), 10),
                    new Weighted(new TopologyScorer(), 1)), max, false);
            // fragmentation decides; packing and topology only break its ties: their whole 0..100 range,
            // weighted 1 against FRAG_WEIGHT, is worth less than 2 thousandths of a GPU of expected
            // fragmentation on the largest node
            case FRAG -> new PlacementPipeline(state, GpuPicker.Preference.BEST_FIT, true, List.of(
                    new Weighted(new FragmentationScorer(workload, modelNames(state), state.maxNodeMilli(),
                            ShapeScarcity.of(workload, nodes(state))), FRAG_WEIGHT),
                    new Weighted(new MostAllocatedScorer(), 1),
                    new Weighted(new TopologyScorer(), 1)), max, true, true);
        };
    }

    private static List<NodeSnapshot> nodes(ClusterState state) {
        return IntStream.range(0, state.nodeCount()).mapToObj(state::node).toList();
    }

    private static List<String> modelNames(ClusterState state) {
        return IntStream.range(0, state.modelCount()).mapToObj(state::model).toList();
    }

    /** The outcome of a search: the best option (or null) and whether the guard turned any down. */
    public record Outcome(Choice choice, boolean guardRejected) {}

    /** Finds the best node for a request that fits on one node; commits nothing. */
    public Outcome best(ResourceRequest request, NodeGuard guard) {
        return best(request, state.eligibleModels(request), guard);
    }

    /** As {@link #best(ResourceRequest, NodeGuard)}, with the request's eligible model ids already known. */
    public Outcome best(ResourceRequest request, int[] eligibleModels, NodeGuard guard) {
        Search search = new Search(request, guard);
        order.forEach(state, request, eligibleModels, search::visit, search::beaten);
        return new Outcome(search.best, search.guardRejected);
    }

    /** Finds the best node among {@code nodes} only (e.g. for a gang's remainder); commits nothing. */
    public Outcome bestAmong(ResourceRequest request, NodeGuard guard, int[] nodes) {
        Search search = new Search(request, guard);
        for (int n : nodes) {
            if (!search.visit(n)) break;
        }
        return new Outcome(search.best, search.guardRejected);
    }

    /** One search's running best; visits stop after {@code maxCandidates} feasible nodes. */
    private final class Search {
        final ResourceRequest request;
        final NodeGuard guard;
        Choice best;
        boolean guardRejected;
        int feasible;
        java.util.Set<Twin> scored;

        Search(ResourceRequest request, NodeGuard guard) {
            this.request = request;
            this.guard = guard;
        }

        /** Whether no node with {@code wholeFree} entirely free GPUs can beat the best option so far (ties go to the first). */
        boolean beaten(int wholeFree) {
            return skipBeaten && best != null && levelBound(wholeFree, request) <= best.score();
        }

        boolean visit(int n) {
            if (!state.staticallyFeasible(n, request)) return true; // judged once per request and node class
            NodeSnapshot node = state.node(n);
            NodeUsage usage = state.usage(n);
            // cannot score above the best so far, and ties go to the first: no need to choose its GPUs
            if (skipBeaten && best != null && bound(node, usage, request) <= best.score()) return true;
            Twin twin = null;
            if (skipTwins && guard == NodeGuard.ALLOW_ALL) {
                // a twin scored earlier in this search fits the same way and scores the same; ties go to the first
                twin = new Twin(state.twinClass(n), usage);
                if (scored != null && scored.contains(twin)) {
                    feasible++;
                    return maxCandidates == 0 || feasible < maxCandidates;
                }
            }
            int[] gpus = Fit.pickStaticallyFeasible(node, usage, request, preference, state.plainGpus(n));
            if (gpus == null) return true;
            if (twin != null) {
                if (scored == null) scored = new java.util.HashSet<>();
                scored.add(twin);
            }
            boolean any = consider(n, node, usage, gpus);
            if (tryEveryGpu && request.isFractional()) {
                for (int[] alt : alternatives(n, node, usage, gpus[0])) any |= consider(n, node, usage, alt);
            }
            if (any) feasible++;
            if (best != null && best.score() >= PERFECT) return false; // nothing can beat it, and ties go to the first
            return maxCandidates == 0 || feasible < maxCandidates;
        }

        private boolean consider(int n, NodeSnapshot node, NodeUsage usage, int[] gpus) {
            if (!guard.allows(n, gpus, request.milliPerGpu(), request.cpuMilli(), request.memoryMib())) {
                guardRejected = true;
                return false;
            }
            double score = score(new Candidate(node, state.gpuModels(n), usage, gpus, request.milliPerGpu(),
                    request.cpuMilli(), request.memoryMib()));
            if (best == null || score > best.score()) { // ties: the first visited (fuller bucket, then lower node index)
                best = new Choice(n, gpus, request.milliPerGpu(), request.cpuMilli(), request.memoryMib(), score);
            }
            return true;
        }

        /** Other GPUs a fractional job could take on this node: one per distinct free share. */
        private List<int[]> alternatives(int n, NodeSnapshot node, NodeUsage usage, int picked) {
            List<int[]> out = new ArrayList<>();
            int[] models = state.gpuModels(n);
            for (int i = 0; i < usage.gpuCount(); i++) {
                if (i == picked || usage.freeMilli(i) < request.milliPerGpu()) continue;
                if (!GpuPicker.eligible(node.gpus().get(i), request)) continue;
                boolean duplicate = usage.freeMilli(i) == usage.freeMilli(picked) && models[i] == models[picked];
                for (int j = 0; j < i && !duplicate; j++) {
                    duplicate = j != picked && usage.freeMilli(j) == usage.freeMilli(i) && models[j] == models[i]
                            && usage.freeMilli(j) >= request.milliPerGpu() && GpuPicker.eligible(node.gpus().get(j), request);
                }
                if (!duplicate) out.add(new int[] {i});
            }
            return out;
        }
    }

    /** A node's hardware (twin class) and its usage during one search, which does not change it. */
    private record Twin(int twinClass, NodeUsage usage) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Twin t && t.twinClass == twinClass && t.usage.sameAs(usage);
        }

        @Override
        public int hashCode() {
            return 31 * twinClass + usage.sameHash();
        }
    }

    /**
     * At least {@link #score} of any option on the node for the request: the same weighted mean
     * over the scorers' {@link dev.fastgpu.scheduler.score.NodeScorer#upperBound}s. Each bound is at
     * least its score and the weights are positive, and rounding never reverses an order, so the
     * mean computed in the same order is at least the score's.
     */
    double bound(NodeSnapshot node, NodeUsage usage, ResourceRequest request) {
        double sum = 0;
        for (Weighted w : scorers) sum += w.weight() * w.scorer().upperBound(node, usage, request.gpus(), request.milliPerGpu());
        return sum / weightSum;
    }

    /** As {@link #bound}, for any node with at least {@code wholeFree} entirely free GPUs, from the scorers' level bounds. */
    double levelBound(int wholeFree, ResourceRequest request) {
        double sum = 0;
        for (Weighted w : scorers) sum += w.weight() * w.scorer().levelBound(wholeFree, maxGpus, request.gpus(), request.milliPerGpu());
        return sum / weightSum;
    }

    /** The weighted mean of every scorer's 0..100 score. */
    double score(Candidate c) {
        double sum = 0;
        for (Weighted w : scorers) sum += w.weight() * w.scorer().score(c);
        return sum / weightSum;
    }

    public GpuPicker.Preference preference() {
        return preference;
    }
}

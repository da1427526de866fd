package dev.fastgpu.scheduler.pass;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable working state of one scheduling pass, built from the immutable snapshot: nodes in id
 * order, what is free on each, and an index of nodes by free GPUs. Every placement, hold and
 * rollback goes through {@link #take}/{@link #give}, so every later filter and scorer sees it and
 * no share is handed out twice.
 */
public final class ClusterState {
    private final ClusterLayout layout;
    private final NodeSnapshot[] nodes;
    private final NodeUsage[] usage;
    /** usage[n] belongs to this state; otherwise it is the caller's and is copied before the first change. */
    private final boolean[] own;
    private final NodeIndex index;
    private final BitSet ready;
    private final long[] freeMilliOf; // [node] free GPU share of a ready node, as last indexed
    private long freeMilli;           // sum of freeMilliOf
    private final List<Allocation>[] allocationsByNode; // null: none
    private final List<Allocation>[] placedByNode;      // null: none
    private Map<String, List<Allocation>> allocationsByJob; // built on first use (preemption only)
    private final Map<Set<String>, int[]> eligibleModelCache = new HashMap<>();
    private final int[] scratchWhole;       // reindex's per-model counts, read by the index at once
    private final boolean[] scratchPartial;

    /** Per request, per node class: 0 not judged yet, 1 passes the static filters, 2 does not (see {@link #staticallyFeasible}). */
    private final Map<ResourceRequest, byte[]> staticFeasible;
    /** The same arrays by request identity, for this pass: callers share one request object per shape, so most lookups hash nothing. */
    private final java.util.IdentityHashMap<ResourceRequest, byte[]> staticSeen = new java.util.IdentityHashMap<>();
    /** Distinct requests remembered at most, when the memo outlives the pass. */
    private static final int STATIC_FEASIBLE_LIMIT = 4096;

    private ClusterState(ClusterLayout layout, NodeUsage[] usage, boolean owned, List<Allocation>[] allocationsByNode,
                         Map<ResourceRequest, byte[]> staticFeasible) {
        this.layout = layout;
        this.staticFeasible = staticFeasible;
        int count = layout.nodeCount();
        nodes = new NodeSnapshot[count];
        for (int n = 0; n < count; n++) nodes[n] = layout.node(n);
        this.usage = usage;
        this.own = new boolean[count];
        if (owned) java.util.Arrays.fill(own, true);
        this.allocationsByNode = allocationsByNode;
        placedByNode = newLists(count);
        scratchWhole = new int[layout.modelCount()];
        scratchPartial = new boolean[layout.modelCount()];
        index = new NodeIndex(count, layout.maxPerModel());
        ready = layout.readyCopy();
        freeMilliOf = new long[count];
        for (int n = ready.nextSetBit(0); n >= 0; n = ready.nextSetBit(n + 1)) reindex(n);
    }

    @SuppressWarnings("unchecked")
    private static List<Allocation>[] newLists(int count) {
        return new List[count];
    }

    private static ClusterState taking(ClusterLayout layout, List<Allocation> allocations) {
        int count = layout.nodeCount();
        NodeUsage[] usage = new NodeUsage[count];
        List<Allocation>[] byNode = newLists(count);
        for (int n = 0; n < count; n++) usage[n] = NodeUsage.idle(layout.node(n));
        for (Allocation a : allocations) {
            Integer n = layout.indexOf(a.nodeId());
            if (n == null) continue; // the node left the cluster; nothing of it can be handed out
            usage[n].take(a);
            if (byNode[n] == null) byNode[n] = new ArrayList<>(4);
            byNode[n].add(a);
        }
        return new ClusterState(layout, usage, true, byNode, new HashMap<>());
    }

    /**
     * The working state of a cluster whose usage the caller keeps current (see
     * {@link dev.fastgpu.scheduler.LiveCluster}): a node's {@code usage} is copied when the pass first
     * changes it (most passes change a few nodes), {@code allocationsByNode} (one list per node of
     * {@code layout}, in its order) is read through views; neither may change while the pass runs.
     * The same state as {@link #of(ClusterLayout, ClusterSnapshot)} of those allocations, provided
     * they hand out no more than each node has. {@code staticMemo} keeps which node classes pass the
     * static filters per request from pass to pass (they depend on the layout alone); it is the
     * caller's, empty at first, and used by one pass at a time.
     */
    public static ClusterState copyOf(ClusterLayout layout, NodeUsage[] usage, List<Allocation>[] allocationsByNode,
                                      Map<ResourceRequest, byte[]> staticMemo) {
        int count = layout.nodeCount();
        if (usage.length != count || allocationsByNode.length != count) {
            throw new IllegalArgumentException("usage and allocations must have one entry per node of the layout");
        }
        List<Allocation>[] views = newLists(count);
        for (int n = 0; n < count; n++) {
            List<Allocation> list = allocationsByNode[n];
            views[n] = list == null || list.isEmpty() ? null : java.util.Collections.unmodifiableList(list);
        }
        return new ClusterState(layout, usage.clone(), false, views, staticMemo);
    }

    /** The working state of a snapshot, deriving its layout afresh. */
    public static ClusterState of(ClusterSnapshot snapshot) {
        return taking(ClusterLayout.of(snapshot.nodes()), snapshot.allocations());
    }

    /**
     * The working state of a snapshot whose node list {@code layout} already describes (see
     * {@link ClusterLayout#matches}); the same state {@link #of(ClusterSnapshot)} would build.
     */
    public static ClusterState of(ClusterLayout layout, ClusterSnapshot snapshot) {
        if (!layout.matches(snapshot.nodes())) {
            throw new IllegalArgumentException("the layout was derived from another node list than the snapshot's");
        }
        return taking(layout, snapshot.allocations());
    }

    public ClusterLayout layout() {
        return layout;
    }

    public int nodeCount() {
        return nodes.length;
    }

    public NodeSnapshot node(int n) {
        return nodes[n];
    }

    /** What is free on node {@code n}: read only, and read again after {@link #take}/{@link #give}, which may replace it. */
    public NodeUsage usage(int n) {
        return usage[n];
    }

    /** The node's index in id order, or -1. */
    public int indexOf(String nodeId) {
        Integer n = layout.indexOf(nodeId);
        return n == null ? -1 : n;
    }

    public int modelCount() {
        return layout.modelCount();
    }

    public String model(int m) {
        return layout.model(m);
    }

    /** Model id of each GPU of node {@code n}; do not modify. */
    public int[] gpuModels(int n) {
        return layout.gpuModels(n);
    }

    public int totalOfModel(int n, int m) {
        return layout.totalOfModel(n, m);
    }

    /** Most GPUs of model {@code m} on any one node, whatever its state. */
    public int maxPerNode(int m) {
        return layout.maxPerNode(m);
    }

    /** Largest node's GPU capacity in thousandths (at least 1000); scorers normalise by it. */
    public long maxNodeMilli() {
        return layout.maxNodeMilli();
    }

    /** Ids of the cluster's models the request allows, ascending. */
    public int[] eligibleModels(ResourceRequest request) {
        if (request.gpuModels().isEmpty()) return layout.allModels(); // the common case, without hashing the set
        return eligibleModelCache.computeIfAbsent(request.gpuModels(), allowed ->
                allowed.stream().map(layout::modelId).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sorted().toArray());
    }

    /** Most GPUs of one allowed model on any node: a request above this is a gang. */
    public int maxGpusOnOneNode(ResourceRequest request) {
        int best = 0;
        for (int m : eligibleModels(request)) best = Math.max(best, layout.maxPerNode(m));
        return best;
    }

    public BitSet readyNodes() {
        return ready;
    }

    /** Ready nodes with exactly {@code k} fully free GPUs of model {@code m}; do not modify. */
    public BitSet bucket(int m, int k) {
        return index.bucket(m, k);
    }

    /** The {@code k} for which {@link #bucket}(m, k) is not empty; do not modify. */
    public BitSet levels(int m) {
        return index.levels(m);
    }

    public int maxLevel(int m) {
        return index.maxLevel(m);
    }

    /** Ready nodes with a partly used GPU of model {@code m}; do not modify. */
    public BitSet partial(int m) {
        return index.partial(m);
    }

    /** Free GPU share (thousandths) over all ready nodes: no request for more can fit, even as a gang. */
    public long freeGpuMilli() {
        return freeMilli;
    }

    /** Fully free GPUs of model {@code m} over all ready nodes. */
    public long freeWholeTotal(int m) {
        return index.freeWholeTotal(m);
    }

    public int freeWholeOfModel(int n, int m) {
        int count = 0;
        int[] gm = layout.gpuModels(n);
        for (int i = 0; i < gm.length; i++) {
            if (gm[i] == m && usage[n].freeMilli(i) == 1000) count++;
        }
        return count;
    }

    /** Allocations in force on node {@code n} (from the snapshot). */
    public List<Allocation> allocationsOn(int n) {
        List<Allocation> list = allocationsByNode[n];
        return list == null ? List.of() : list;
    }

    /** Every allocation of a job (several for a gang), empty when it holds nothing. */
    public List<Allocation> allocationsOf(String jobId) {
        if (allocationsByJob == null) {
            int count = 0;
            for (List<Allocation> list : allocationsByNode) count += list == null ? 0 : list.size();
            allocationsByJob = HashMap.newHashMap(count);
            for (List<Allocation> list : allocationsByNode) {
                if (list == null) continue;
                for (Allocation a : list) {
                    List<Allocation> known = allocationsByJob.putIfAbsent(a.jobId(), List.of(a));
                    if (known != null) {
                        List<Allocation> more = new ArrayList<>(known);
                        more.add(a);
                        allocationsByJob.put(a.jobId(), more);
                    }
                }
            }
        }
        return allocationsByJob.getOrDefault(jobId, List.of());
    }

    /**
     * Nodes of one class look the same to every filter that ignores usage (state, labels, GPU
     * models, memory and count), so such filters can be judged once per class.
     */
    public int nodeClass(int n) {
        return layout.nodeClass(n);
    }

    /**
     * Whether node {@code n} passes the static filters for {@code request} (see
     * {@link dev.fastgpu.scheduler.Fit#staticallyFeasible}): judged once per request and node class,
     * and for a {@link dev.fastgpu.scheduler.LiveCluster} once across its passes.
     */
    public boolean staticallyFeasible(int n, ResourceRequest request) {
        byte[] known = staticSeen.get(request);
        if (known == null) {
            known = staticFeasible.get(request);
            if (known == null) {
                if (staticFeasible.size() >= STATIC_FEASIBLE_LIMIT) staticFeasible.clear();
                known = new byte[layout.classCount()];
                staticFeasible.put(request, known);
            }
            staticSeen.put(request, known);
        }
        int c = layout.nodeClass(n);
        if (known[c] == 0) known[c] = dev.fastgpu.scheduler.Fit.staticallyFeasible(layout.classExample(c), request) ? (byte) 1 : (byte) 2;
        return known[c] == 1;
    }

    /** See {@link ClusterLayout#plain}. */
    public boolean plainGpus(int n) {
        return layout.plain(n);
    }

    /** See {@link ClusterLayout#twinClass}. */
    public int twinClass(int n) {
        return layout.twinClass(n);
    }

    public int classCount() {
        return layout.classCount();
    }

    /** A node of class {@code c}. */
    public NodeSnapshot classExample(int c) {
        return layout.classExample(c);
    }

    /**
     * Remembers a placement of this pass as an allocation starting {@code now}, so a reservation
     * computed later in the pass knows when it will end. (Its resources are already taken.)
     */
    public void recordPlaced(dev.fastgpu.scheduler.PendingJob job, List<dev.fastgpu.scheduler.place.Choice> choices,
                             java.time.Instant now) {
        for (var c : choices) {
            List<Integer> gpus = new ArrayList<>(c.gpus().length);
            for (int g : c.gpus()) gpus.add(g);
            if (placedByNode[c.node()] == null) placedByNode[c.node()] = new ArrayList<>(4);
            placedByNode[c.node()].add(new Allocation(job.id(), nodes[c.node()].id(), gpus, c.milliPerGpu(),
                    c.cpuMilli(), c.memoryMib(), job.priority(), job.preemptible(), now, job.estimate(), false));
        }
    }

    /** Placements made earlier in this pass on node {@code n}, as allocations. */
    public List<Allocation> placedOn(int n) {
        List<Allocation> list = placedByNode[n];
        return list == null ? List.of() : list;
    }

    public void take(int n, int[] gpus, int milliPerGpu, long cpuMilli, long memoryMib) {
        owned(n).take(gpus, milliPerGpu, cpuMilli, memoryMib);
        if (ready.get(n)) reindex(n);
    }

    public void give(int n, int[] gpus, int milliPerGpu, long cpuMilli, long memoryMib) {
        owned(n).give(gpus, milliPerGpu, cpuMilli, memoryMib);
        if (ready.get(n)) reindex(n);
    }

    private NodeUsage owned(int n) {
        if (!own[n]) {
            usage[n] = usage[n].copy();
            own[n] = true;
        }
        return usage[n];
    }

    private void reindex(int n) {
        int modelCount = layout.modelCount();
        int[] freeWhole = scratchWhole;
        boolean[] partial = scratchPartial;
        int[] gm = layout.gpuModels(n);
        int only = -1; // the node's one model, if it has a single one
        for (int m = 0; m < modelCount; m++) {
            int total = layout.totalOfModel(n, m);
            freeWhole[m] = total == 0 ? -1 : 0;
            partial[m] = false;
            if (total > 0 && total == gm.length) only = m;
        }
        NodeUsage u = usage[n];
        long free;
        if (only >= 0) { // the usage's running totals are exactly the per-model counts
            freeWhole[only] = u.wholeFreeCount();
            partial[only] = u.partlyFreeCount() > 0;
            free = u.totalFreeMilli();
        } else {
            free = 0;
            for (int i = 0; i < gm.length; i++) {
                int f = u.freeMilli(i);
                free += f;
                if (f == 1000) freeWhole[gm[i]]++;
                else if (f > 0) partial[gm[i]] = true;
            }
        }
        freeMilli += free - freeMilliOf[n];
        freeMilliOf[n] = free;
        index.update(n, freeWhole, partial);
    }
}

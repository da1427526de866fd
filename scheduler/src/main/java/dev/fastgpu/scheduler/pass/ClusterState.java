package dev.fastgpu.scheduler.pass;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.NodeUsage;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mutable working state of one scheduling pass, built from the immutable snapshot: nodes in id
 * order, what is free on each, and an index of nodes by free GPUs. Every placement, hold and
 * rollback goes through {@link #take}/{@link #give}, so every later filter and scorer sees it and
 * no share is handed out twice.
 */
public final class ClusterState {
    private final NodeSnapshot[] nodes;
    private final NodeUsage[] usage;
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final String[] models;
    private final Map<String, Integer> modelIds = new HashMap<>();
    private final int[][] gpuModel;    // [node][gpu] model id
    private final int[][] totalOfModel; // [node][model] GPUs of that model on the node
    private final int[] maxPerModel;
    private final NodeIndex index;
    private final BitSet ready;
    private final List<List<Allocation>> allocationsByNode = new ArrayList<>();
    private final List<List<Allocation>> placedByNode = new ArrayList<>();
    private Map<String, List<Allocation>> allocationsByJob; // built on first use (preemption only)
    private int[] nodeClass;            // built on first use (explanations only)
    private NodeSnapshot[] classExample;
    private final Map<Set<String>, int[]> eligibleModelCache = new HashMap<>();
    private final long maxNodeMilli;

    private ClusterState(ClusterSnapshot snapshot) {
        nodes = snapshot.nodes().stream().sorted(Comparator.comparing(NodeSnapshot::id)).toArray(NodeSnapshot[]::new);
        usage = new NodeUsage[nodes.length];
        TreeSet<String> modelNames = new TreeSet<>();
        long maxMilli = 0;
        for (int n = 0; n < nodes.length; n++) {
            if (nodeIndex.put(nodes[n].id(), n) != null) {
                throw new IllegalArgumentException("the snapshot lists node " + nodes[n].id() + " twice; node ids must be unique");
            }
            for (Gpu g : nodes[n].gpus()) modelNames.add(g.model());
            usage[n] = NodeUsage.idle(nodes[n]);
            allocationsByNode.add(new ArrayList<>());
            placedByNode.add(new ArrayList<>());
            maxMilli = Math.max(maxMilli, 1000L * nodes[n].gpus().size());
        }
        maxNodeMilli = Math.max(1000, maxMilli);
        models = modelNames.toArray(String[]::new);
        for (int m = 0; m < models.length; m++) modelIds.put(models[m], m);
        gpuModel = new int[nodes.length][];
        totalOfModel = new int[nodes.length][models.length];
        maxPerModel = new int[models.length];
        for (int n = 0; n < nodes.length; n++) {
            List<Gpu> gpus = nodes[n].gpus();
            gpuModel[n] = new int[gpus.size()];
            for (int i = 0; i < gpus.size(); i++) {
                int m = modelIds.get(gpus.get(i).model());
                gpuModel[n][i] = m;
                totalOfModel[n][m]++;
            }
            for (int m = 0; m < models.length; m++) maxPerModel[m] = Math.max(maxPerModel[m], totalOfModel[n][m]);
        }
        for (Allocation a : snapshot.allocations()) {
            Integer n = nodeIndex.get(a.nodeId());
            if (n == null) continue; // the node left the cluster; nothing of it can be handed out
            usage[n].take(a);
            allocationsByNode.get(n).add(a);
        }

        index = new NodeIndex(nodes.length, maxPerModel);
        ready = new BitSet(nodes.length);
        for (int n = 0; n < nodes.length; n++) {
            if (nodes[n].state() == NodeState.READY) {
                ready.set(n);
                reindex(n);
            }
        }
    }

    public static ClusterState of(ClusterSnapshot snapshot) {
        return new ClusterState(snapshot);
    }

    public int nodeCount() {
        return nodes.length;
    }

    public NodeSnapshot node(int n) {
        return nodes[n];
    }

    public NodeUsage usage(int n) {
        return usage[n];
    }

    /** The node's index in id order, or -1. */
    public int indexOf(String nodeId) {
        Integer n = nodeIndex.get(nodeId);
        return n == null ? -1 : n;
    }

    public int modelCount() {
        return models.length;
    }

    public String model(int m) {
        return models[m];
    }

    /** Model id of each GPU of node {@code n}; do not modify. */
    public int[] gpuModels(int n) {
        return gpuModel[n];
    }

    public int totalOfModel(int n, int m) {
        return totalOfModel[n][m];
    }

    /** Most GPUs of model {@code m} on any one node, whatever its state. */
    public int maxPerNode(int m) {
        return maxPerModel[m];
    }

    /** Largest node's GPU capacity in thousandths (at least 1000); scorers normalise by it. */
    public long maxNodeMilli() {
        return maxNodeMilli;
    }

    /** Ids of the cluster's models the request allows, ascending. */
    public int[] eligibleModels(ResourceRequest request) {
        return eligibleModelCache.computeIfAbsent(request.gpuModels(), allowed -> {
            if (allowed.isEmpty()) return java.util.stream.IntStream.range(0, models.length).toArray();
            return allowed.stream().map(modelIds::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sorted().toArray();
        });
    }

    /** Most GPUs of one allowed model on any node: a request above this is a gang. */
    public int maxGpusOnOneNode(ResourceRequest request) {
        int best = 0;
        for (int m : eligibleModels(request)) best = Math.max(best, maxPerModel[m]);
        return best;
    }

    public BitSet readyNodes() {
        return ready;
    }

    /** Ready nodes with exactly {@code k} fully free GPUs of model {@code m}; do not modify. */
    public BitSet bucket(int m, int k) {
        return index.bucket(m, k);
    }

    public int maxLevel(int m) {
        return index.maxLevel(m);
    }

    /** Ready nodes with a partly used GPU of model {@code m}; do not modify. */
    public BitSet partial(int m) {
        return index.partial(m);
    }

    /** Fully free GPUs of model {@code m} over all ready nodes. */
    public long freeWholeTotal(int m) {
        return index.freeWholeTotal(m);
    }

    public int freeWholeOfModel(int n, int m) {
        int count = 0;
        int[] gm = gpuModel[n];
        for (int i = 0; i < gm.length; i++) {
            if (gm[i] == m && usage[n].freeMilli(i) == 1000) count++;
        }
        return count;
    }

    /** Allocations in force on node {@code n} (from the snapshot). */
    public List<Allocation> allocationsOn(int n) {
        return allocationsByNode.get(n);
    }

    /** Every allocation of a job (several for a gang), empty when it holds nothing. */
    public List<Allocation> allocationsOf(String jobId) {
        if (allocationsByJob == null) {
            int count = 0;
            for (List<Allocation> list : allocationsByNode) count += list.size();
            allocationsByJob = HashMap.newHashMap(count);
            for (List<Allocation> list : allocationsByNode) {
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
        buildClasses();
        return nodeClass[n];
    }

    public int classCount() {
        buildClasses();
        return classExample.length;
    }

    /** A node of class {@code c}. */
    public NodeSnapshot classExample(int c) {
        buildClasses();
        return classExample[c];
    }

    private void buildClasses() {
        if (nodeClass != null) return;
        nodeClass = new int[nodes.length];
        Map<List<Object>, Integer> classes = new HashMap<>();
        List<NodeSnapshot> examples = new ArrayList<>();
        for (int n = 0; n < nodes.length; n++) {
            List<Object> key = List.of(nodes[n].state(), nodes[n].labels(), staticGpuKey(nodes[n]));
            Integer c = classes.get(key);
            if (c == null) {
                c = examples.size();
                classes.put(key, c);
                examples.add(nodes[n]);
            }
            nodeClass[n] = c;
        }
        classExample = examples.toArray(NodeSnapshot[]::new);
    }

    private static List<String> staticGpuKey(NodeSnapshot node) {
        List<String> key = new ArrayList<>(node.gpus().size());
        for (Gpu g : node.gpus()) key.add(g.model() + "/" + g.memoryMib());
        return key;
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
            placedByNode.get(c.node()).add(new Allocation(job.id(), nodes[c.node()].id(), gpus, c.milliPerGpu(),
                    c.cpuMilli(), c.memoryMib(), job.priority(), job.preemptible(), now, job.estimate(), false));
        }
    }

    /** Placements made earlier in this pass on node {@code n}, as allocations. */
    public List<Allocation> placedOn(int n) {
        return placedByNode.get(n);
    }

    public void take(int n, int[] gpus, int milliPerGpu, long cpuMilli, long memoryMib) {
        usage[n].take(gpus, milliPerGpu, cpuMilli, memoryMib);
        if (ready.get(n)) reindex(n);
    }

    public void give(int n, int[] gpus, int milliPerGpu, long cpuMilli, long memoryMib) {
        usage[n].give(gpus, milliPerGpu, cpuMilli, memoryMib);
        if (ready.get(n)) reindex(n);
    }

    private void reindex(int n) {
        int[] freeWhole = new int[models.length];
        boolean[] partial = new boolean[models.length];
        for (int m = 0; m < models.length; m++) freeWhole[m] = totalOfModel[n][m] == 0 ? -1 : 0;
        int[] gm = gpuModel[n];
        for (int i = 0; i < gm.length; i++) {
            int f = usage[n].freeMilli(i);
            if (f == 1000) freeWhole[gm[i]]++;
            else if (f > 0) partial[gm[i]] = true;
        }
        index.update(n, freeWhole, partial);
    }
}

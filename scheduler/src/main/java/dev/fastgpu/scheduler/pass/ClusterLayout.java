package dev.fastgpu.scheduler.pass;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.scheduler.NodeSnapshot;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a pass derives from the node list alone, whatever runs on it: nodes in id order, the model
 * table, each GPU's model id, GPUs per model per node, the ready nodes and the node classes.
 * Immutable (all fields final, arrays never written after construction), so one layout can serve
 * every pass over the same node list; {@link #matches} says whether it does.
 */
public final class ClusterLayout {
    private final List<NodeSnapshot> source;
    private final NodeSnapshot[] nodes;
    private final Map<String, Integer> nodeIndex;
    private final String[] models;
    private final Map<String, Integer> modelIds;
    private final int[][] gpuModel;     // [node][gpu] model id
    private final int[][] totalOfModel; // [node][model]
    private final int[] maxPerModel;
    /** Every model id, ascending: the models a request that names none allows. */
    private final int[] allModels;
    private final long maxNodeMilli;
    private final BitSet ready;
    private final int[] nodeClass;
    private final NodeSnapshot[] classExample;
    private final int[] twinClass;
    private final boolean[] plain;

    private ClusterLayout(List<NodeSnapshot> source) {
        this.source = source;
        nodes = source.stream().sorted(Comparator.comparing(NodeSnapshot::id)).toArray(NodeSnapshot[]::new);
        Map<String, Integer> index = HashMap.newHashMap(nodes.length);
        TreeSet<String> modelNames = new TreeSet<>();
        long maxMilli = 0;
        for (int n = 0; n < nodes.length; n++) {
            if (index.put(nodes[n].id(), n) != null) {
                throw new IllegalArgumentException("the snapshot lists node " + nodes[n].id() + " twice; node ids must be unique");
            }
            for (Gpu g : nodes[n].gpus()) modelNames.add(g.model());
            maxMilli = Math.max(maxMilli, 1000L * nodes[n].gpus().size());
        }
        nodeIndex = Map.copyOf(index);
        maxNodeMilli = Math.max(1000, maxMilli);
        models = modelNames.toArray(String[]::new);
        Map<String, Integer> ids = new HashMap<>();
        for (int m = 0; m < models.length; m++) ids.put(models[m], m);
        modelIds = Map.copyOf(ids);
        allModels = java.util.stream.IntStream.range(0, models.length).toArray();
        gpuModel = new int[nodes.length][];
        totalOfModel = new int[nodes.length][models.length];
        maxPerModel = new int[models.length];
        ready = new BitSet(nodes.length);
        for (int n = 0; n < nodes.length; n++) {
            List<Gpu> gpus = nodes[n].gpus();
            gpuModel[n] = new int[gpus.size()];
            for (int i = 0; i < gpus.size(); i++) {
                int m = ids.get(gpus.get(i).model());
                gpuModel[n][i] = m;
                totalOfModel[n][m]++;
            }
            for (int m = 0; m < models.length; m++) maxPerModel[m] = Math.max(maxPerModel[m], totalOfModel[n][m]);
            if (nodes[n].state() == NodeState.READY) ready.set(n);
        }
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
        plain = new boolean[nodes.length];
        for (int n = 0; n < nodes.length; n++) plain[n] = isPlain(nodes[n]);
        twinClass = new int[nodes.length];
        Map<List<Object>, Integer> twins = new HashMap<>();
        for (int n = 0; n < nodes.length; n++) {
            NodeSnapshot node = nodes[n];
            List<Object> key = List.of(node.state(), node.labels(), node.cpuMilli(), node.memoryMib(), twinGpuKey(node));
            twinClass[n] = twins.computeIfAbsent(key, k -> twins.size());
        }
    }

    private static boolean isPlain(NodeSnapshot node) {
        List<Gpu> gpus = node.gpus();
        if (gpus.isEmpty()) return false;
        Gpu first = gpus.get(0);
        for (Gpu g : gpus) {
            if (!g.model().equals(first.model()) || g.memoryMib() != first.memoryMib() || g.topologyGroup() >= 0) return false;
        }
        return true;
    }

    private static List<Object> twinGpuKey(NodeSnapshot node) {
        List<Object> key = new ArrayList<>(node.gpus().size() * 3);
        for (Gpu g : node.gpus()) {
            key.add(g.model());
            key.add(g.memoryMib());
            key.add(g.topologyGroup());
        }
        return key;
    }

    /** The layout of {@code nodes} (any order; ids must be unique). */
    public static ClusterLayout of(List<NodeSnapshot> nodes) {
        return new ClusterLayout(List.copyOf(nodes));
    }

    /**
     * True when this layout describes exactly {@code nodes}: the same list object (cheap), or an
     * equal list in the same order (every node, GPU, state and label compared).
     */
    public boolean matches(List<NodeSnapshot> nodes) {
        return nodes == source || source.equals(nodes);
    }

    private static List<String> staticGpuKey(NodeSnapshot node) {
        List<String> key = new ArrayList<>(node.gpus().size());
        for (Gpu g : node.gpus()) key.add(g.model() + "/" + g.memoryMib());
        return key;
    }

    public int nodeCount() {
        return nodes.length;
    }

    /** Node {@code n} in id order. */
    public NodeSnapshot node(int n) {
        return nodes[n];
    }

    /** The node's index in id order, or null when it is not in the list. */
    public Integer indexOf(String nodeId) {
        return nodeIndex.get(nodeId);
    }

    int modelCount() {
        return models.length;
    }

    String model(int m) {
        return models[m];
    }

    /** Every model id, ascending; do not modify. */
    int[] allModels() {
        return allModels;
    }

    Integer modelId(String model) {
        return modelIds.get(model);
    }

    int[] gpuModels(int n) {
        return gpuModel[n];
    }

    int totalOfModel(int n, int m) {
        return totalOfModel[n][m];
    }

    int maxPerNode(int m) {
        return maxPerModel[m];
    }

    int[] maxPerModel() {
        return maxPerModel.clone();
    }

    long maxNodeMilli() {
        return maxNodeMilli;
    }

    /** A fresh copy of the ready-node set. */
    BitSet readyCopy() {
        return (BitSet) ready.clone();
    }

    int nodeClass(int n) {
        return nodeClass[n];
    }

    int classCount() {
        return classExample.length;
    }

    NodeSnapshot classExample(int c) {
        return classExample[c];
    }

    /**
     * True when the node's GPUs are all of one model, with equal memory and no topology group: then
     * a request that passes the static filters there can use any of them (see
     * {@code GpuPicker.pickOnPlainNode}).
     */
    boolean plain(int n) {
        return plain[n];
    }

    /**
     * Nodes of one twin class differ only in id: same state, labels, CPU, memory and GPUs (model,
     * memory, topology group, by index). With equal usage they get equal GPUs and equal scores.
     */
    public int twinClass(int n) {
        return twinClass[n];
    }
}

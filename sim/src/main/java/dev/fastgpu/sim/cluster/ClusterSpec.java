package dev.fastgpu.sim.cluster;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.scheduler.NodeSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The nodes of a simulated cluster (capacity only; what runs where is the simulator's state). */
public record ClusterSpec(List<NodeSnapshot> nodes) {
    public ClusterSpec {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) throw new IllegalArgumentException("a cluster needs at least one node");
    }

    /** {@code count} identical nodes of {@code gpusPerNode} GPUs of one model, ids {@code prefix0001...}. */
    public static ClusterSpec uniform(String prefix, int count, int gpusPerNode, String model) {
        if (count < 1) throw new IllegalArgumentException("--nodes must be at least 1, got " + count);
        if (gpusPerNode < 0) throw new IllegalArgumentException("--gpus-per-node must not be negative, got " + gpusPerNode);
        List<NodeSnapshot> nodes = new ArrayList<>(count);
        int width = Math.max(4, String.valueOf(count).length());
        for (int i = 1; i <= count; i++) {
            nodes.add(node(prefix + String.format("%0" + width + "d", i), gpusPerNode, model, 0, 0));
        }
        return new ClusterSpec(nodes);
    }

    /** One node with every GPU: the pooled model (placement ignored) of B5's "(P)" rows. */
    public static ClusterSpec pooled(int nodes, int gpusPerNode, String model) {
        return new ClusterSpec(List.of(node("pool", nodes * gpusPerNode, model, 0, 0)));
    }

    public static NodeSnapshot node(String id, int gpus, String model, long cpuMilli, long memoryMib) {
        List<Gpu> list = new ArrayList<>(gpus);
        for (int g = 0; g < gpus; g++) list.add(new Gpu(g, id + "-gpu" + g, model, 0, -1));
        return new NodeSnapshot(id, NodeState.READY, list, cpuMilli, memoryMib, Map.of());
    }

    public int totalGpus() {
        int n = 0;
        for (NodeSnapshot node : nodes) n += node.gpus().size();
        return n;
    }

    public int maxGpusPerNode() {
        int m = 0;
        for (NodeSnapshot node : nodes) m = Math.max(m, node.gpus().size());
        return m;
    }
}

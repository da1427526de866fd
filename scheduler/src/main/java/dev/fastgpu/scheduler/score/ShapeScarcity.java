package dev.fastgpu.scheduler.score;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.TaskShape;

import java.util.List;

/**
 * How few of the cluster's GPUs a task shape could ever use: the cluster's GPU capacity divided by
 * the capacity of the nodes that could host the shape when empty (enough GPUs of one allowed model,
 * enough CPU and memory). 1 for a shape any node can host; 13 for 8-GPU tasks needing 512 GiB of
 * memory on a cluster where only 60 of 1,213 nodes have that much.
 *
 * <p>{@link FragmentationScorer} multiplies each shape's frequency by it: capacity lost to a shape
 * with few possible hosts cannot be made up elsewhere, while a shape every node can host loses
 * little when one node stops fitting it. Without it, an 8-GPU task that only the largest nodes can
 * hold weighs as little as its frequency, and small tasks break those nodes first.
 */
public final class ShapeScarcity {
    private ShapeScarcity() {}

    /** One factor per shape, in order; a shape no node can host gets 1 (it changes no choice). */
    public static double[] of(List<TaskShape> shapes, List<NodeSnapshot> nodes) {
        long total = 0;
        long[] eligible = new long[shapes.size()];
        for (NodeSnapshot node : nodes) {
            total += 1000L * node.gpus().size();
            for (int i = 0; i < shapes.size(); i++) eligible[i] += 1000L * usableGpus(shapes.get(i), node);
        }
        double[] out = new double[shapes.size()];
        for (int i = 0; i < out.length; i++) out[i] = eligible[i] == 0 ? 1.0 : (double) total / eligible[i];
        return out;
    }

    /** GPUs of {@code node} that tasks of {@code s} could use on the empty node: models with enough GPUs for one task. */
    static int usableGpus(TaskShape s, NodeSnapshot node) {
        if (node.cpuMilli() > 0 && node.cpuMilli() < s.cpuMilli()) return 0;
        if (node.memoryMib() > 0 && node.memoryMib() < s.memoryMib()) return 0;
        List<Gpu> gpus = node.gpus();
        int usable = 0;
        for (int i = 0; i < gpus.size(); i++) {
            String model = gpus.get(i).model();
            if (!s.allowsModel(model)) continue;
            boolean firstOfModel = true;
            for (int j = 0; j < i && firstOfModel; j++) firstOfModel = !gpus.get(j).model().equals(model);
            if (!firstOfModel) continue;
            int count = 0;
            for (Gpu g : gpus) if (g.model().equals(model)) count++;
            if (count >= s.gpus()) usable += count;
        }
        return usable;
    }
}

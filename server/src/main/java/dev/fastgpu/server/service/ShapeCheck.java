package dev.fastgpu.server.service;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.store.NodeRecord;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Could a request ever run on the cluster's known nodes, if they were all empty and up? A request
 * that no node shape can hold would wait forever, so the server rejects it at submission (when at
 * least one node has joined; an empty cluster accepts everything and the job waits).
 */
public final class ShapeCheck {
    private ShapeCheck() {}

    /** Null when the request can fit; otherwise why not, in words. */
    public static String whyNever(ResourceRequest r, List<NodeRecord> nodes) {
        if (nodes.isEmpty()) return null;
        int usableGpus = 0;
        int maxOnOneNode = 0;
        boolean anyNode = false;
        for (NodeRecord n : nodes) {
            if (!mayHost(r, n)) continue;
            anyNode = true;
            int here = (int) n.gpus().stream().filter(g -> usable(r, g)).count();
            usableGpus += here;
            maxOnOneNode = Math.max(maxOnOneNode, here);
        }
        if (r.gpus() == 0 && anyNode) return null;
        if (r.gpus() > 0 && r.gpus() <= usableGpus && (r.cpuMilli() == 0 && r.memoryMib() == 0 || r.gpus() <= maxOnOneNode)) {
            return null;
        }
        return "no node could ever run this job: it asks for " + describe(r) + ", and the cluster has " + inventory(nodes)
                + ". Ask for fewer GPUs, another GPU model, or less CPU/memory, or add a node that has them.";
    }

    /** The GPU models the request could run on among the known nodes (labels, CPU, memory and GPU memory honoured). */
    public static Set<String> modelsItMayGet(ResourceRequest r, List<NodeRecord> nodes) {
        Set<String> models = new TreeSet<>();
        for (NodeRecord n : nodes) {
            if (mayHost(r, n)) for (Gpu g : n.gpus()) if (usable(r, g)) models.add(g.model());
        }
        return models;
    }

    /** The node's labels, CPU and memory allow the request (a node that reports no CPU or memory allows any). */
    private static boolean mayHost(ResourceRequest r, NodeRecord n) {
        return labelsMatch(r.nodeLabels(), n.labels())
                && (n.cpuMilli() <= 0 || r.cpuMilli() <= n.cpuMilli())
                && (n.memoryMib() <= 0 || r.memoryMib() <= n.memoryMib());
    }

    private static boolean usable(ResourceRequest r, Gpu g) {
        return r.allowsModel(g.model()) && g.memoryMib() >= r.minGpuMemoryMib();
    }

    private static boolean labelsMatch(Map<String, String> wanted, Map<String, String> has) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(has.get(e.getKey())));
    }

    static String describe(ResourceRequest r) {
        StringBuilder b = new StringBuilder();
        b.append(r.gpus()).append(r.gpus() == 1 ? " GPU" : " GPUs");
        if (!r.gpuModels().isEmpty()) b.append(" of model ").append(String.join(" or ", r.gpuModels()));
        if (r.minGpuMemoryMib() > 0) b.append(" with at least ").append(r.minGpuMemoryMib()).append(" MiB each");
        if (r.cpuMilli() > 0) b.append(", ").append(r.cpuMilli() / 1000.0).append(" CPUs");
        if (r.memoryMib() > 0) b.append(", ").append(r.memoryMib()).append(" MiB memory");
        if (!r.nodeLabels().isEmpty()) b.append(", on nodes labelled ").append(r.nodeLabels());
        return b.toString();
    }

    static String inventory(List<NodeRecord> nodes) {
        StringJoiner j = new StringJoiner(", ");
        for (NodeRecord n : nodes) {
            Map<String, Integer> byModel = new TreeMap<>();
            n.gpus().forEach(g -> byModel.merge(g.model() + " (" + g.memoryMib() + " MiB)", 1, Integer::sum));
            StringJoiner gpus = new StringJoiner(" + ");
            byModel.forEach((m, c) -> gpus.add(c + "x " + m));
            j.add(n.id() + ": " + (byModel.isEmpty() ? "no GPUs" : gpus.toString()));
        }
        return j.toString();
    }
}

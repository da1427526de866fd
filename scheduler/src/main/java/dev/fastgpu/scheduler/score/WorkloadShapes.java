package dev.fastgpu.scheduler.score;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.TaskShape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Derives the expected workload from a pending queue, for when the configuration gives none. */
public final class WorkloadShapes {
    /** More shapes than this cost scoring time and barely change the expectation. */
    public static final int MAX_SHAPES = 32;

    private WorkloadShapes() {}

    private record Key(int gpus, int milli, Set<String> models, long cpu, long memory) {}

    /**
     * The {@link #MAX_SHAPES} most frequent GPU shapes of the queue (jobs above {@code maxGpusOnNode}
     * GPUs and CPU-only jobs left out), weighted by count; ties in first-seen order.
     */
    public static List<TaskShape> fromQueue(List<PendingJob> queue, int maxGpusOnNode) {
        List<ResourceRequest> requests = new ArrayList<>(queue.size());
        for (PendingJob j : queue) requests.add(j.request());
        return fromRequests(requests, maxGpusOnNode, MAX_SHAPES);
    }

    /**
     * The {@code maxShapes} most frequent GPU shapes among {@code requests} (those above
     * {@code maxGpusOnNode} GPUs and CPU-only ones left out), weighted by count; ties in
     * first-seen order. For a workload known in advance, e.g. a trace's pod list.
     */
    public static List<TaskShape> fromRequests(List<ResourceRequest> requests, int maxGpusOnNode, int maxShapes) {
        Map<Key, Integer> counts = new LinkedHashMap<>();
        for (ResourceRequest r : requests) {
            if (r.gpus() == 0 || r.gpus() > maxGpusOnNode) continue;
            counts.merge(new Key(r.gpus(), r.milliPerGpu(), r.gpuModels(), r.cpuMilli(), r.memoryMib()), 1, Integer::sum);
        }
        List<Map.Entry<Key, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.comparing(Map.Entry<Key, Integer>::getValue).reversed()); // stable: keeps first-seen order
        List<TaskShape> shapes = new ArrayList<>();
        for (int i = 0; i < Math.min(maxShapes, entries.size()); i++) {
            Key k = entries.get(i).getKey();
            shapes.add(new TaskShape(k.gpus(), k.milli(), k.models(), entries.get(i).getValue(), k.cpu(), k.memory()));
        }
        return shapes;
    }

}

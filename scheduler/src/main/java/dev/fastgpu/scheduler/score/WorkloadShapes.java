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
     * GPUs and CPU-only jobs left out), weighted by count; ties in first-seen order; CPU and memory
     * by class as in {@link #fromRequests}. The cutoff bounds scoring time for a queue of any size.
     */
    public static List<TaskShape> fromQueue(List<PendingJob> queue, int maxGpusOnNode) {
        List<ResourceRequest> requests = new ArrayList<>(queue.size());
        for (PendingJob j : queue) requests.add(j.request());
        return fromRequests(requests, maxGpusOnNode, MAX_SHAPES);
    }

    /**
     * The {@code maxShapes} most frequent GPU shapes among {@code requests} (those above
     * {@code maxGpusOnNode} GPUs and CPU-only ones left out), weighted by count; ties in
     * first-seen order. For a workload known in advance, e.g. a trace's pod list; pass
     * {@link Integer#MAX_VALUE} to keep every shape.
     *
     * <p>A shape is the GPU request exactly (count, share, models) and its CPU and memory by
     * {@link #hostClass}: host requests are spread over many nearby values (12 and 14 cores, 60
     * and 64 GiB), and counting each value as its own shape splits one kind of task into many
     * rare ones, whose all-or-nothing "the node cannot host it" terms then decide placements
     * on thin evidence. Classes keep the number of shapes small without a cutoff on how many
     * are kept.
     */
    public static List<TaskShape> fromRequests(List<ResourceRequest> requests, int maxGpusOnNode, int maxShapes) {
        Map<Key, Integer> counts = new LinkedHashMap<>();
        for (ResourceRequest r : requests) {
            if (r.gpus() == 0 || r.gpus() > maxGpusOnNode) continue;
            counts.merge(new Key(r.gpus(), r.milliPerGpu(), r.gpuModels(), hostClass(r.cpuMilli()), hostClass(r.memoryMib())),
                    1, Integer::sum);
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

    /**
     * A host request's class: the largest power of two not above it (0 stays 0). Rounding down
     * makes the expected workload slightly optimistic about what a node's CPU and memory can
     * still take, so a node is not judged fragmented for tasks that only just would not fit.
     */
    static long hostClass(long v) {
        return v <= 0 ? v : Long.highestOneBit(v);
    }

}

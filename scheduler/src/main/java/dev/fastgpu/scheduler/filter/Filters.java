package dev.fastgpu.scheduler.filter;

import java.util.List;

/**
 * The one ordered list of filters: cheap, static checks first (state, labels, model, memory,
 * size), then what depends on current usage (free GPUs, CPU, memory). {@code Fit} and the
 * explanations both walk this list, so a node is judged the same way everywhere.
 */
public final class Filters {
    public static final NodeFilter NODE_STATE = new NodeStateFilter();
    public static final NodeFilter LABELS = new LabelFilter();
    public static final NodeFilter GPU_MODEL = new GpuModelFilter();
    public static final NodeFilter GPU_MEMORY = new GpuMemoryFilter();
    public static final NodeFilter GPU_CAPACITY = new GpuCapacityFilter();
    public static final NodeFilter GPU_FREE = new GpuFreeFilter();
    public static final NodeFilter CPU = new CpuFilter();
    public static final NodeFilter MEMORY = new MemoryFilter();

    /** Every filter, in the order they run. */
    public static final List<NodeFilter> CHAIN =
            List.of(NODE_STATE, LABELS, GPU_MODEL, GPU_MEMORY, GPU_CAPACITY, GPU_FREE, CPU, MEMORY);

    /** The filters that do not depend on usage: a node they reject can never take the job. */
    public static final List<NodeFilter> STATIC = List.of(NODE_STATE, LABELS, GPU_MODEL, GPU_MEMORY, GPU_CAPACITY);

    private Filters() {}
}

package dev.fastgpu.scheduler;

import dev.fastgpu.model.GpuModels;

import java.util.Set;
import java.util.TreeSet;

/**
 * One kind of task in the expected workload, for the fragmentation-aware scorer: how many GPUs,
 * what share of each, which models, and how often it occurs (weights need not sum to 1).
 *
 * @param gpus        GPUs per task (1 for a fractional task)
 * @param milliPerGpu share of each GPU, 1..1000
 * @param models      allowed models, empty for any
 * @param weight      relative frequency, > 0
 * @param cpuMilli    CPU per task (0: none); a node without that much CPU free cannot take the task,
 *                    so its free GPUs count as fragments for it
 * @param memoryMib   host memory per task (0: none), likewise
 */
public record TaskShape(int gpus, int milliPerGpu, Set<String> models, double weight, long cpuMilli, long memoryMib) {

    /** A shape that needs no CPU or memory. */
    public TaskShape(int gpus, int milliPerGpu, Set<String> models, double weight) {
        this(gpus, milliPerGpu, models, weight, 0, 0);
    }

    public TaskShape {
        if (gpus < 1) throw new IllegalArgumentException("a task shape needs at least 1 GPU, got " + gpus);
        if (milliPerGpu < 1 || milliPerGpu > 1000) {
            throw new IllegalArgumentException("a task shape's GPU share must be 1..1000 thousandths, got " + milliPerGpu);
        }
        if (!(weight > 0)) throw new IllegalArgumentException("a task shape's weight must be > 0, got " + weight);
        if (cpuMilli < 0 || memoryMib < 0) throw new IllegalArgumentException("a task shape's CPU and memory must not be negative");
        TreeSet<String> canonical = new TreeSet<>();
        for (String m : models == null ? Set.<String>of() : models) canonical.add(GpuModels.canonical(m));
        models = java.util.Collections.unmodifiableSortedSet(canonical);
    }

    public boolean allowsModel(String model) {
        return models.isEmpty() || models.contains(model);
    }
}

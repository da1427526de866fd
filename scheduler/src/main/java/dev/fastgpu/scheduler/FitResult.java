package dev.fastgpu.scheduler;

import dev.fastgpu.scheduler.filter.NodeFilter;

import java.util.Arrays;
import java.util.List;

/**
 * The answer of {@link Fit}: either the GPU indices the request gets on the node, or the filter
 * that turned it away and why.
 */
public final class FitResult {
    private final int[] gpuIndices;
    private final NodeFilter rejectedBy;
    private final Reason reason;

    private FitResult(int[] gpuIndices, NodeFilter rejectedBy, Reason reason) {
        this.gpuIndices = gpuIndices;
        this.rejectedBy = rejectedBy;
        this.reason = reason;
    }

    static FitResult fits(int[] gpuIndices) {
        return new FitResult(gpuIndices, null, null);
    }

    static FitResult rejected(NodeFilter filter, Reason reason) {
        return new FitResult(null, filter, reason);
    }

    public boolean fits() {
        return gpuIndices != null;
    }

    /** The chosen GPU indices (empty for a CPU-only job); empty when it does not fit. */
    public List<Integer> gpuIndices() {
        return gpuIndices == null ? List.of() : Arrays.stream(gpuIndices).boxed().toList();
    }

    /** Same as {@link #gpuIndices()} without boxing; callers must not modify it. */
    public int[] gpuIndexArray() {
        return gpuIndices;
    }

    /** The filter that rejected the node, or null when it fits. */
    public NodeFilter rejectedBy() {
        return rejectedBy;
    }

    /** Why it does not fit, or null when it fits. */
    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return fits() ? "fits on GPUs " + gpuIndices() : "does not fit: " + reason.message();
    }
}

package dev.fastgpu.server.service;

import dev.fastgpu.api.UsageView;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.GpuSampleRecord;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.NodeRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * GPU-seconds, wall time and cost of a job, from its allocations: each allocation counts from the
 * moment its process started until it was released (or until now while it runs).
 */
public final class Metering {
    private final Prices prices;

    public Metering(Prices prices) {
        this.prices = prices;
    }

    public Prices prices() {
        return prices;
    }

    /**
     * {@code nodes}: the cluster's nodes, read only for a job that never ran, to give the prices of
     * the GPU models it may get.
     */
    public UsageView usage(JobRecord job, List<AllocationRecord> allocations, List<GpuSampleRecord> samples, Instant now,
                           Supplier<List<NodeRecord>> nodes) {
        if (allocations.isEmpty() && samples.isEmpty()) { // a job that never ran (every fresh submission): nothing to add up
            Set<String> requested = job.request().gpuModels();
            // one model asked for: its price, without reading the nodes (most submissions name one)
            Prices.Range r = prices.range(requested,
                    requested.size() == 1 ? Set.of() : ShapeCheck.modelsItMayGet(job.request(), nodes.get()));
            return new UsageView(0, 0, 0, r.low(), null, null, null, r.highOrNull());
        }
        double gpuSeconds = 0;
        double cost = 0;
        Map<Integer, Double> wallByAttempt = new HashMap<>();
        String model = job.request().gpuModels().size() == 1 ? job.request().gpuModels().iterator().next() : null;
        for (AllocationRecord a : allocations) {
            if (a.startedAt() == null) continue;
            Instant end = a.releasedAt() != null ? a.releasedAt() : job.finishedAt() != null ? job.finishedAt() : now;
            double seconds = Math.max(0, Duration.between(a.startedAt(), end).toMillis() / 1000.0);
            double gpus = a.gpuIndices().size() * a.milliPerGpu() / 1000.0;
            gpuSeconds += gpus * seconds;
            cost += gpus * seconds / 3600.0 * prices.perGpuHour(a.gpuModel());
            wallByAttempt.merge(a.attempt(), seconds, Math::max);
            if (a.gpuModel() != null) model = a.gpuModel();
        }
        double wall = wallByAttempt.values().stream().mapToDouble(Double::doubleValue).sum();
        return new UsageView(round(gpuSeconds, 3), round(wall, 3), round(cost, 6), prices.perGpuHour(model),
                avgUtil(samples), peakMemory(samples), energyKwh(samples), null);
    }

    private static Double avgUtil(List<GpuSampleRecord> samples) {
        return samples.isEmpty() ? null : round(samples.stream().mapToDouble(GpuSampleRecord::utilPercent).average().orElse(0), 2);
    }

    private static Long peakMemory(List<GpuSampleRecord> samples) {
        return samples.isEmpty() ? null : samples.stream().mapToLong(GpuSampleRecord::memoryUsedMib).max().orElse(0);
    }

    /** Trapezoids of power over time per (allocation, GPU) series. */
    private static Double energyKwh(List<GpuSampleRecord> samples) {
        if (samples.isEmpty()) return null;
        Map<String, GpuSampleRecord> last = new HashMap<>();
        double joules = 0;
        for (GpuSampleRecord s : samples) {
            String key = s.allocationId() + "/" + s.gpuIndex();
            GpuSampleRecord prev = last.put(key, s);
            if (prev != null) {
                double dt = Duration.between(prev.at(), s.at()).toMillis() / 1000.0;
                if (dt > 0) joules += dt * (prev.powerWatts() + s.powerWatts()) / 2;
            }
        }
        return round(joules / 3.6e6, 9);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

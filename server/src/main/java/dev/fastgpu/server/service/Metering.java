package dev.fastgpu.server.service;

import dev.fastgpu.api.UsageView;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.GpuSampleRecord;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.NodeRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        Instant openEnd = job.finishedAt() != null ? job.finishedAt() : now;
        for (AllocationRecord a : allocations) {
            if (a.startedAt() == null) continue;
            double seconds = seconds(a.startedAt(), a.releasedAt() != null ? a.releasedAt() : openEnd);
            double gpus = a.gpuIndices().size() * a.milliPerGpu() / 1000.0;
            gpuSeconds += gpus * seconds;
            cost += gpus * seconds / 3600.0 * prices.perGpuHour(a.gpuModel());
            wallByAttempt.merge(a.attempt(), seconds, Math::max);
            if (a.gpuModel() != null) model = a.gpuModel();
        }
        double wall = wallByAttempt.values().stream().mapToDouble(Double::doubleValue).sum();
        SampleTotals t = totals(samples, allocations, openEnd);
        return new UsageView(round(gpuSeconds, 3), round(wall, 3), round(cost, 6), prices.perGpuHour(model),
                t.avgUtilPercent(), peakMemory(samples), t.energyKwh(), null);
    }

    private static Long peakMemory(List<GpuSampleRecord> samples) {
        return samples.isEmpty() ? null : samples.stream().mapToLong(GpuSampleRecord::memoryUsedMib).max().orElse(0);
    }

    /**
     * Mean utilisation and energy over the run, from the samples.
     *
     * @param avgUtilPercent each sample weighs as much as the span it covers; samples without a utilisation
     *                       (-1: the board reported none) are left out; null with none
     * @param energyKwh      each sample's power times its span; a job on a share of a GPU is charged that share
     *                       of the GPU's power; spans without a power reading (-1) count nothing; null with
     *                       none (unknown, not 0 kWh). On an H100, a 35-s job at about 700 W: 0.0060 kWh this
     *                       way; 0.0039 when only the time between instantaneous readings counted.
     */
    record SampleTotals(Double avgUtilPercent, Double energyKwh) {}

    /**
     * One walk over the samples, per (allocation, GPU) series in time order. A sample is the mean over the
     * span since the series' previous sample (the first: since the allocation started); the last one's
     * span goes on to the allocation's end ({@code openEnd} for one not yet released: the job's finish,
     * or now while it runs). A sample whose allocation is unknown covers the time since the previous one only.
     */
    static SampleTotals totals(List<GpuSampleRecord> samples, List<AllocationRecord> allocations, Instant openEnd) {
        Map<String, AllocationRecord> byId = new HashMap<>();
        for (AllocationRecord a : allocations) byId.put(a.id(), a);
        Map<String, List<GpuSampleRecord>> series = new LinkedHashMap<>();
        for (GpuSampleRecord s : samples) series.computeIfAbsent(s.allocationId() + "/" + s.gpuIndex(), k -> new ArrayList<>()).add(s);
        double utilSeconds = 0, utilSpan = 0, utilSum = 0, joules = 0;
        int withUtil = 0, withPower = 0;
        for (List<GpuSampleRecord> one : series.values()) {
            one.sort(Comparator.comparing(GpuSampleRecord::at));
            AllocationRecord a = byId.get(one.getFirst().allocationId());
            double share = a == null ? 1 : a.milliPerGpu() / 1000.0;
            Instant previous = a != null && a.startedAt() != null ? a.startedAt() : one.getFirst().at();
            for (int i = 0; i < one.size(); i++) {
                GpuSampleRecord s = one.get(i);
                double seconds = seconds(previous, s.at());
                if (s.at().isAfter(previous)) previous = s.at();
                if (i == one.size() - 1 && a != null) seconds += seconds(previous, a.releasedAt() != null ? a.releasedAt() : openEnd);
                if (s.utilPercent() >= 0) {
                    utilSeconds += s.utilPercent() * seconds;
                    utilSpan += seconds;
                    utilSum += s.utilPercent();
                    withUtil++;
                }
                if (s.powerWatts() >= 0) {
                    joules += share * seconds * s.powerWatts();
                    withPower++;
                }
            }
        }
        Double util = withUtil == 0 ? null : round(utilSpan > 0 ? utilSeconds / utilSpan : utilSum / withUtil, 2);
        return new SampleTotals(util, withPower == 0 ? null : round(joules / 3.6e6, 9));
    }

    /** Seconds from a to b, 0 when b is not after a. */
    private static double seconds(Instant a, Instant b) {
        return Math.max(0, Duration.between(a, b).toMillis() / 1000.0);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

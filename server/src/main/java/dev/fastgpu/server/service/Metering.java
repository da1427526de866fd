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
                avgUtil(samples, allocations, end(job, now)), peakMemory(samples), energyKwh(samples, allocations, end(job, now)), null);
    }

    private static Instant end(JobRecord job, Instant now) {
        return job.finishedAt() != null ? job.finishedAt() : now;
    }

    /**
     * Mean utilisation over the run: each sample weighs as much as the span it covers (see {@link #spans}).
     * Samples without a utilisation (-1: the board reported none) are left out; with none, null.
     */
    static Double avgUtil(List<GpuSampleRecord> samples, List<AllocationRecord> allocations, Instant openEnd) {
        double[] sums = new double[4]; // util x seconds, seconds, plain sum, samples with a utilisation
        spans(samples, allocations, openEnd, (s, seconds, share) -> {
            if (s.utilPercent() < 0) return;
            sums[0] += s.utilPercent() * seconds;
            sums[1] += seconds;
            sums[2] += s.utilPercent();
            sums[3]++;
        });
        if (sums[3] == 0) return null;
        return round(sums[1] > 0 ? sums[0] / sums[1] : sums[2] / sums[3], 2);
    }

    private static Long peakMemory(List<GpuSampleRecord> samples) {
        return samples.isEmpty() ? null : samples.stream().mapToLong(GpuSampleRecord::memoryUsedMib).max().orElse(0);
    }

    /**
     * GPU energy over each allocation's whole run, per (allocation, GPU) series of samples. A sample is the
     * mean power over the span since the series' previous sample (the first: since the allocation
     * started), so each counts its power times its span; after the last sample its power is held to the
     * allocation's end. (On an H100, a 35-s job at about 700 W: 0.0060 kWh this way; 0.0039 when only
     * the time between instantaneous readings counted.) A job on a share of a GPU is charged that share
     * of the GPU's power. {@code openEnd}: where an allocation not yet released ends (the job's finish,
     * or now while it runs). Spans whose power the board did not report (-1) count nothing; with no
     * power at all, null (unknown, not 0 kWh).
     */
    static Double energyKwh(List<GpuSampleRecord> samples, List<AllocationRecord> allocations, Instant openEnd) {
        double[] joules = new double[2]; // joules, samples with a power reading
        spans(samples, allocations, openEnd, (s, seconds, share) -> {
            if (s.powerWatts() < 0) return; // the board reported no power for this span
            joules[0] += share * seconds * s.powerWatts();
            joules[1]++;
        });
        return joules[1] == 0 ? null : round(joules[0] / 3.6e6, 9);
    }

    /** What one sample stands for: its span in seconds, and the share of the GPU its allocation holds. */
    @FunctionalInterface
    interface SpanVisitor {
        void visit(GpuSampleRecord sample, double seconds, double share);
    }

    /**
     * Visits each sample with the span it covers, per (allocation, GPU) series in time order: from the
     * previous sample (the first: from the allocation's start) to this one, and for the last, on to the
     * allocation's end. A sample whose allocation is unknown covers the time since the previous one only.
     */
    static void spans(List<GpuSampleRecord> samples, List<AllocationRecord> allocations, Instant openEnd, SpanVisitor visitor) {
        Map<String, AllocationRecord> byId = new HashMap<>();
        for (AllocationRecord a : allocations) byId.put(a.id(), a);
        Map<String, List<GpuSampleRecord>> series = new LinkedHashMap<>();
        for (GpuSampleRecord s : samples) series.computeIfAbsent(s.allocationId() + "/" + s.gpuIndex(), k -> new ArrayList<>()).add(s);
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
                visitor.visit(s, seconds, share);
            }
        }
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

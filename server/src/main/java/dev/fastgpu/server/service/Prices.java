package dev.fastgpu.server.service;

import dev.fastgpu.model.GpuModels;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Price per GPU hour by GPU model, in USD, from the server configuration.
 *
 * <p>The defaults are round numbers in the range of public on-demand cloud prices per GPU hour
 * seen in 2024-2025 (hyperscaler and GPU-cloud list prices vary by a factor of 2-3); they are
 * placeholders for a laptop install, not quotes. Set real ones under {@code pricesPerGpuHourUsd}.
 */
public record Prices(Map<String, Double> perGpuHourUsd, double defaultPerGpuHourUsd) {
    public static final Map<String, Double> DEFAULTS = Map.of(
            "B200", 5.00, "H200", 3.50, "H100", 2.50, "A100", 1.50, "L40S", 1.00,
            "A10", 0.75, "L4", 0.60, "RTX4090", 0.40, "T4", 0.35, "V100", 0.90);
    public static final double DEFAULT_UNKNOWN_MODEL = 1.00;

    public Prices {
        TreeMap<String, Double> canonical = new TreeMap<>();
        perGpuHourUsd.forEach((k, v) -> {
            if (v == null || v < 0) throw new IllegalArgumentException("price of " + k + " must be >= 0 USD per GPU hour, got " + v);
            canonical.put(GpuModels.canonical(k), v);
        });
        perGpuHourUsd = Map.copyOf(canonical);
    }

    public static Prices defaults() {
        return new Prices(DEFAULTS, DEFAULT_UNKNOWN_MODEL);
    }

    /** The lowest and highest price per GPU hour a job may pay (equal when it is known). */
    public record Range(double low, double high) {
        /** The highest price, or null when it equals the lowest (for the API's optional upper bound). */
        public Double highOrNull() {
            return high == low ? null : high;
        }
    }

    /**
     * What a job that has not been placed may pay per GPU hour: the price of the one model it asks
     * for; otherwise the lowest and highest price among {@code modelsItMayGet} (the models of the
     * cluster it could run on), or, when there are none (no node has joined yet), among the models it
     * asks for, or the default price when it asks for none.
     */
    public Range range(Set<String> requestedModels, Collection<String> modelsItMayGet) {
        if (requestedModels.size() == 1) {
            double p = perGpuHour(requestedModels.iterator().next());
            return new Range(p, p);
        }
        Collection<String> models = modelsItMayGet.isEmpty() ? requestedModels : modelsItMayGet;
        if (models.isEmpty()) return new Range(defaultPerGpuHourUsd, defaultPerGpuHourUsd);
        double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
        for (String m : models) {
            double p = perGpuHour(m);
            low = Math.min(low, p);
            high = Math.max(high, p);
        }
        return new Range(low, high);
    }

    /** The price of one whole GPU of {@code model} for one hour; the default for unknown or null models. */
    public double perGpuHour(String model) {
        if (model == null || model.isBlank()) return defaultPerGpuHourUsd;
        return perGpuHourUsd.getOrDefault(GpuModels.canonical(model), defaultPerGpuHourUsd);
    }
}

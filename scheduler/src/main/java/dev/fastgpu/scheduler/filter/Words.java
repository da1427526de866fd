package dev.fastgpu.scheduler.filter;

import dev.fastgpu.model.ResourceRequest;

import java.util.Map;
import java.util.stream.Collectors;

/** Shared phrasing for reasons, so every message names resources the same way. */
public final class Words {
    private Words() {}

    /** "model H100", "models A100 or H100", or "any model". */
    public static String models(ResourceRequest r) {
        if (r.gpuModels().isEmpty()) return "any model";
        if (r.gpuModels().size() == 1) return "model " + r.gpuModels().iterator().next();
        return "models " + String.join(" or ", r.gpuModels());
    }

    /** "H100", "A100 or H100", or "GPUs". */
    public static String modelNames(ResourceRequest r) {
        return r.gpuModels().isEmpty() ? "GPUs" : String.join(" or ", r.gpuModels());
    }

    public static String nodes(int n) {
        return n == 1 ? "1 node" : n + " nodes";
    }

    public static String gpus(int n) {
        return n == 1 ? "1 GPU" : n + " GPUs";
    }

    /** Thousandths of a GPU as "0.250 GPU". */
    public static String share(long milli) {
        return String.format(java.util.Locale.ROOT, "%d.%03d GPU", milli / 1000, milli % 1000);
    }

    public static String cores(long cpuMilli) {
        return String.format(java.util.Locale.ROOT, "%.1f CPU cores", cpuMilli / 1000.0);
    }

    public static String memoryClause(ResourceRequest r) {
        return r.minGpuMemoryMib() > 0 ? " with at least " + r.minGpuMemoryMib() + " MiB each" : "";
    }

    public static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}

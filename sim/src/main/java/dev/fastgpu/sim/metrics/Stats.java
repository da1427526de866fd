package dev.fastgpu.sim.metrics;

import java.util.Arrays;

/** Mean and percentiles of a sample (percentiles linearly interpolated between order statistics, as numpy does). */
public final class Stats {
    private final double[] sorted;
    private final double mean;

    public Stats(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) sum += v;
        this.mean = sorted.length == 0 ? 0 : sum / sorted.length;
    }

    public double mean() {
        return mean;
    }

    /** The p-th percentile, p in [0, 100]; 0 for an empty sample. */
    public double percentile(double p) {
        if (sorted.length == 0) return 0;
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Jain's fairness index (sum x)^2 / (n sum x^2): 1 when all are equal, 1/n when one takes all. */
    public static double jain(double[] xs) {
        if (xs.length == 0) return 1;
        double s = 0, s2 = 0;
        for (double x : xs) {
            s += x;
            s2 += x * x;
        }
        return s2 == 0 ? 1 : s * s / (xs.length * s2);
    }
}

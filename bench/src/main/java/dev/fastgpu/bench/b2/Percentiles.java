package dev.fastgpu.bench.b2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles over a small sample, the way bench.sh of the Slurm peer reads them (sorted, n-th line). */
final class Percentiles {
    private Percentiles() {}

    /** The median as the peer takes it: element n/2 (1-based) of the sorted list, e.g. the 10th of 20. */
    static double p50(List<Double> values) {
        List<Double> sorted = sorted(values);
        return sorted.get(Math.max(0, sorted.size() / 2 - 1));
    }

    static double max(List<Double> values) {
        return sorted(values).getLast();
    }

    static double median(List<Double> values) {
        List<Double> s = sorted(values);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static List<Double> sorted(List<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values");
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }
}

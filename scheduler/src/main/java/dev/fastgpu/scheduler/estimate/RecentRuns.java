package dev.fastgpu.scheduler.estimate;

import java.util.Arrays;

/** The last {@code capacity} run times (seconds) of one history key, in a ring buffer. */
final class RecentRuns {
    private final double[] seconds;
    private int next;
    private int size;
    /** The last quantile asked for and its value, valid until the next {@link #add} (refreshes ask often). */
    private double cachedQ = Double.NaN, cachedValue;
    /** The run times in ascending order, rebuilt after an {@link #add} when first asked for (null: stale). */
    private double[] sorted;

    RecentRuns(int capacity) {
        this.seconds = new double[capacity];
    }

    void add(double s) {
        seconds[next] = s;
        next = (next + 1) % seconds.length;
        if (size < seconds.length) size++;
        cachedQ = Double.NaN;
        sorted = null;
    }

    /**
     * The remembered run times in ascending order. The same array until the next {@link #add}, so
     * callers may cache what they derive from it by its identity; they must not change it.
     */
    double[] sorted() {
        if (sorted == null) {
            sorted = Arrays.copyOf(seconds, size);
            Arrays.sort(sorted);
        }
        return sorted;
    }

    double longest() {
        return size == 0 ? Double.NEGATIVE_INFINITY : sorted()[size - 1];
    }

    int size() {
        return size;
    }

    double mean() {
        double sum = 0;
        for (int i = 0; i < size; i++) sum += seconds[i];
        return sum / size;
    }

    /** The q-quantile (nearest rank, interpolated) of the remembered run times. */
    double quantile(double q) {
        if (q != cachedQ) {
            cachedValue = sortedQuantile(q);
            cachedQ = q;
        }
        return cachedValue;
    }

    private double sortedQuantile(double q) {
        double[] copy = sorted();
        double pos = q * (size - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(size - 1, lo + 1);
        double frac = pos - lo;
        return copy[lo] * (1 - frac) + copy[hi] * frac;
    }
}

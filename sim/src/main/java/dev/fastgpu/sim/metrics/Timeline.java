package dev.fastgpu.sim.metrics;

import java.util.Arrays;

/** Step functions sampled after every batch of events: jobs waiting and GPU thousandths busy from that time on. */
public final class Timeline {
    private long[] times = new long[1024];
    private int[] queued = new int[1024];
    private long[] busyMilli = new long[1024];
    private int size;

    public void record(long timeMs, int queuedJobs, long busy) {
        if (size > 0 && times[size - 1] == timeMs) {
            size--;
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            queued = Arrays.copyOf(queued, size * 2);
            busyMilli = Arrays.copyOf(busyMilli, size * 2);
        }
        times[size] = timeMs;
        queued[size] = queuedJobs;
        busyMilli[size] = busy;
        size++;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return times[i];
    }

    public int queued(int i) {
        return queued[i];
    }

    public long busyMilli(int i) {
        return busyMilli[i];
    }

    /** Integral of busy GPU-thousandths over [from, to), in milli-GPU x ms. */
    public double busyIntegral(long from, long to) {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            long start = Math.max(times[i], from);
            long end = Math.min(i + 1 < size ? times[i + 1] : Long.MAX_VALUE, to);
            if (end > start) sum += (double) busyMilli[i] * (end - start);
        }
        return sum;
    }

    /** The sum of several timelines (independent partitions of one cluster) as one step function. */
    public static Timeline sum(java.util.List<Timeline> parts) {
        Timeline out = new Timeline();
        int[] idx = new int[parts.size()];
        while (true) {
            long t = Long.MAX_VALUE;
            for (int k = 0; k < parts.size(); k++) if (idx[k] < parts.get(k).size) t = Math.min(t, parts.get(k).times[idx[k]]);
            if (t == Long.MAX_VALUE) return out;
            int q = 0;
            long busy = 0;
            for (int k = 0; k < parts.size(); k++) {
                Timeline p = parts.get(k);
                while (idx[k] < p.size && p.times[idx[k]] <= t) idx[k]++;
                if (idx[k] > 0) {
                    q += p.queued[idx[k] - 1];
                    busy += p.busyMilli[idx[k] - 1];
                }
            }
            out.record(t, q, busy);
        }
    }
}

package dev.fastgpu.sim.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary figures of one replay. Times in seconds.
 *
 * @param utilisationSubmit GPU utilisation between the first and the last submission
 * @param utilisation       GPU utilisation between the first submission and the last finish (over the makespan)
 * @param slowdownByOwner   mean bounded slowdown per VC (or user)
 * @param fairness          Jain's index over {@code slowdownByOwner}
 */
public record RunMetrics(int jobs, double avgJct, double p50Jct, double p95Jct, double p99Jct,
                         double avgQueue, double p50Queue, double p99Queue, double avgSlowdown, double p99Slowdown,
                         double makespan, double utilisationSubmit, double utilisation,
                         Map<String, Double> slowdownByOwner, double fairness) {

    public static RunMetrics of(List<JobOutcome> outcomes, Timeline timeline, long capacityMilli, boolean byGroup) {
        int n = outcomes.size();
        double[] jct = new double[n], queue = new double[n], slow = new double[n];
        long firstSubmit = Long.MAX_VALUE, lastSubmit = Long.MIN_VALUE, lastFinish = Long.MIN_VALUE;
        Map<String, double[]> perOwner = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            JobOutcome o = outcomes.get(i);
            jct[i] = o.jctMs() / 1000.0;
            queue[i] = o.queueMs() / 1000.0;
            slow[i] = o.boundedSlowdown();
            firstSubmit = Math.min(firstSubmit, o.submitMs());
            lastSubmit = Math.max(lastSubmit, o.submitMs());
            lastFinish = Math.max(lastFinish, o.finishMs());
            String key = byGroup && !o.group().isEmpty() ? o.group() : o.owner();
            double[] acc = perOwner.computeIfAbsent(key, k -> new double[2]);
            acc[0] += slow[i];
            acc[1]++;
        }
        Stats j = new Stats(jct), q = new Stats(queue), s = new Stats(slow);
        Map<String, Double> byOwner = new TreeMap<>();
        double[] means = new double[perOwner.size()];
        int k = 0;
        for (var e : perOwner.entrySet()) {
            double m = e.getValue()[0] / e.getValue()[1];
            byOwner.put(e.getKey(), m);
            means[k++] = m;
        }
        double makespan = n == 0 ? 0 : (lastFinish - firstSubmit) / 1000.0;
        double utilSubmit = n == 0 || lastSubmit == firstSubmit ? 0
                : timeline.busyIntegral(firstSubmit, lastSubmit) / ((double) capacityMilli * (lastSubmit - firstSubmit));
        double util = n == 0 || lastFinish == firstSubmit ? 0
                : timeline.busyIntegral(firstSubmit, lastFinish) / ((double) capacityMilli * (lastFinish - firstSubmit));
        return new RunMetrics(n, j.mean(), j.percentile(50), j.percentile(95), j.percentile(99),
                q.mean(), q.percentile(50), q.percentile(99), s.mean(), s.percentile(99), makespan,
                utilSubmit, util, byOwner, Stats.jain(means));
    }
}

package dev.fastgpu.sim.report;

import dev.fastgpu.sim.metrics.RunMetrics;

import java.util.List;
import java.util.Locale;

/** The readable comparison table printed by {@code fastgpu sim replay}. */
public final class TableReport {
    private TableReport() {}

    public static String render(List<ReplayRun> runs) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-20s %-6s %6s %10s %9s %10s %10s %9s %9s %8s %8s %6s %6s %6s %7s%n";
        sb.append(String.format(Locale.ROOT, fmt, "policy", "place", "jobs", "avg JCT s", "p50 JCT", "p95 JCT", "p99 JCT",
                "avg queue", "p99 queue", "avg sld", "p99 sld", "util", "jain", "preempt", "wall ms"));
        for (ReplayRun r : runs) {
            RunMetrics m = r.metrics();
            sb.append(String.format(Locale.ROOT, fmt, r.result().policy(), r.result().placement(), m.jobs(),
                    f(m.avgJct()), f(m.p50Jct()), f(m.p95Jct()), f(m.p99Jct()), f(m.avgQueue()), f(m.p99Queue()),
                    String.format(Locale.ROOT, "%.2f", m.avgSlowdown()), String.format(Locale.ROOT, "%.1f", m.p99Slowdown()),
                    String.format(Locale.ROOT, "%.3f", m.utilisation()), String.format(Locale.ROOT, "%.3f", m.fairness()),
                    r.result().preemptions(), r.result().wallMs()));
        }
        for (ReplayRun r : runs) {
            var res = r.result();
            if (res.capTriggers() > 0 || !res.unrunnable().isEmpty() || !res.unfinished().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%s: wait-cap triggers %d, unrunnable %d, never placed %d%n",
                        res.policy(), res.capTriggers(), res.unrunnable().size(), res.unfinished().size()));
            }
        }
        return sb.toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}

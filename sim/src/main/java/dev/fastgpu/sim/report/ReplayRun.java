package dev.fastgpu.sim.report;

import dev.fastgpu.sim.engine.SimResult;
import dev.fastgpu.sim.metrics.RunMetrics;

/** A replay's raw result together with its summary figures. */
public record ReplayRun(SimResult result, RunMetrics metrics) {

    /** The {@code --json} object of one run. */
    public String toJson() {
        SimResult r = result;
        RunMetrics m = metrics;
        return new Json()
                .put("jobs", m.jobs()).put("policy", r.policy()).put("placement", r.placement())
                .put("nodes", r.nodes()).put("gpus", r.gpus())
                .put("avg_jct_s", m.avgJct()).put("p50_jct_s", m.p50Jct()).put("p95_jct_s", m.p95Jct()).put("p99_jct_s", m.p99Jct())
                .put("avg_queue_s", m.avgQueue()).put("p50_queue_s", m.p50Queue()).put("p99_queue_s", m.p99Queue())
                .put("avg_slowdown", m.avgSlowdown()).put("p99_slowdown", m.p99Slowdown())
                .put("makespan_s", m.makespan()).put("utilisation", m.utilisation())
                .put("utilisation_submit_window", m.utilisationSubmit())
                .put("fairness_jain", m.fairness()).put("preemptions", r.preemptions())
                .put("wait_cap_triggers", r.capTriggers()).put("unrunnable", r.unrunnable().size())
                .put("unfinished", r.unfinished().size()).put("passes", r.passes()).put("wall_ms", r.wallMs())
                .put("slowdown_by_owner", m.slowdownByOwner())
                .toString();
    }
}

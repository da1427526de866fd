package dev.fastgpu.sim.engine;

import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.metrics.JobOutcome;
import dev.fastgpu.sim.metrics.Timeline;
import dev.fastgpu.sim.trace.TraceJob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-VC partitions: each VC is its own cluster of {@code nodes x gpusPerNode} with its own queue
 * and its own scheduler run; the results are merged into one. Jobs of VCs without a partition are
 * reported as unrunnable.
 */
public final class PartitionedReplay {
    private PartitionedReplay() {}

    public static SimResult run(List<TraceJob> trace, Map<String, Integer> partitions, int gpusPerNode, String model,
                                SimOptions options) {
        return run(trace, partitions, gpusPerNode, model, options, Progress.NONE);
    }

    /** As {@link #run(List, Map, int, String, SimOptions)}, telling {@code progress} how far all partitions together are. */
    public static SimResult run(List<TraceJob> trace, Map<String, Integer> partitions, int gpusPerNode, String model,
                                SimOptions options, Progress progress) {
        long t0 = System.nanoTime();
        Map<String, List<TraceJob>> byVc = new LinkedHashMap<>();
        for (String vc : partitions.keySet()) byVc.put(vc, new ArrayList<>());
        List<String> unrunnable = new ArrayList<>();
        for (TraceJob j : trace) {
            List<TraceJob> list = byVc.get(j.group());
            if (list == null) unrunnable.add(j.id() + " (line " + j.line() + "): VC '" + j.group() + "' has no partition");
            else list.add(j);
        }
        List<JobOutcome> outcomes = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        List<Timeline> timelines = new ArrayList<>();
        long preemptions = 0, caps = 0, passes = 0;
        int nodes = 0, gpus = 0;
        int total = trace.size() - unrunnable.size();
        int[] before = {0}; // jobs finished in the partitions replayed so far
        for (var e : partitions.entrySet()) {
            ClusterSpec cluster = ClusterSpec.uniform(e.getKey() + "-", e.getValue(), gpusPerNode, model);
            SimResult r = Simulator.run(byVc.get(e.getKey()), cluster, options, (done, all) -> progress.finished(before[0] + done, total));
            before[0] += r.outcomes().size();
            outcomes.addAll(r.outcomes());
            unrunnable.addAll(r.unrunnable());
            unfinished.addAll(r.unfinished());
            timelines.add(r.timeline());
            preemptions += r.preemptions();
            caps += r.capTriggers();
            passes += r.passes();
            nodes += r.nodes();
            gpus += r.gpus();
        }
        outcomes.sort(Comparator.comparingLong(JobOutcome::submitMs).thenComparing(JobOutcome::id));
        return new SimResult(options.policy().cliName(), options.placement().name().toLowerCase(), nodes, gpus, outcomes,
                unrunnable, unfinished, Timeline.sum(timelines), preemptions, caps, passes, (System.nanoTime() - t0) / 1_000_000);
    }
}

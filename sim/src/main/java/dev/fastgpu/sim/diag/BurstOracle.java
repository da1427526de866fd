package dev.fastgpu.sim.diag;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.estimate.DurationPredictor;
import dev.fastgpu.scheduler.estimate.FinishedRun;
import dev.fastgpu.scheduler.estimate.HistoryPredictor;
import dev.fastgpu.scheduler.estimate.JobFeatures;
import dev.fastgpu.scheduler.estimate.Prediction;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.engine.Policy;
import dev.fastgpu.sim.engine.SimOptions;
import dev.fastgpu.sim.engine.SimResult;
import dev.fastgpu.sim.engine.Simulator;
import dev.fastgpu.sim.metrics.RunMetrics;
import dev.fastgpu.sim.trace.TraceFiles;
import dev.fastgpu.sim.trace.TraceJob;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A B5 diagnostic, not a policy: how close to SJF-oracle +bf the {@code learned} policy (the same
 * ordering, backfill and wait cap) could come with predictions no scheduler can make from a trace
 * whose jobs carry only a group, a GPU count and a submit time, as Philly's do.
 *
 * <p>A <em>burst</em> is a run of jobs of one shape (group, user, name and GPU count) each submitted
 * less than {@code gap} after the one before, as the history predictor's "burst" context has it.
 * At submit time a scheduler cannot tell a burst's jobs apart: the same request, the same history,
 * submit times seconds apart. This predictor knows more than any scheduler can: each burst's mean
 * true duration (for every job of the burst), and each lone job's own true duration. What the
 * {@code learned} policy reaches with it bounds what any predictor could give it on that trace;
 * {@link Knows#BURSTS} and {@link Knows#LONE} give one part only, with the history predictor's
 * predictions for the rest.
 *
 * <p>Run by {@code bench/b5bound.sh}; prints {@code key=value} lines.
 */
public final class BurstOracle implements DurationPredictor {
    /** What the predictor knows; the history predictor predicts the rest. */
    public enum Knows { BOTH, BURSTS, LONE }

    private final Map<String, Known> known;
    private final Knows knows;
    private final DurationPredictor history;

    /** A job's true burst mean (or its own duration when it is alone), and whether it is in a burst. */
    record Known(long ms, boolean inBurst) {}

    public BurstOracle(List<TraceJob> trace, Duration gap, Knows knows, DurationPredictor history) {
        this.known = known(trace, gap);
        this.knows = knows;
        this.history = history;
    }

    /** Each job's burst mean, or its own duration when no job of its shape came less than {@code gap} before or after it. */
    static Map<String, Known> known(List<TraceJob> trace, Duration gap) {
        List<TraceJob> sorted = new ArrayList<>(trace);
        sorted.sort(Comparator.comparingLong(TraceJob::submitMs).thenComparingInt(TraceJob::line).thenComparing(TraceJob::id));
        Map<String, List<TraceJob>> open = new HashMap<>(); // shape -> its current burst
        Map<String, Long> lastSubmit = new HashMap<>();
        List<List<TraceJob>> bursts = new ArrayList<>();
        for (TraceJob t : sorted) {
            String shape = t.group() + "\u0000" + t.user() + "\u0000" + t.name() + "\u0000" + t.gpus();
            Long last = lastSubmit.put(shape, t.submitMs());
            List<TraceJob> burst = last != null && t.submitMs() - last < gap.toMillis() ? open.get(shape) : null;
            if (burst == null) {
                burst = new ArrayList<>();
                bursts.add(burst);
                open.put(shape, burst);
            }
            burst.add(t);
        }
        Map<String, Known> out = HashMap.newHashMap(sorted.size());
        for (List<TraceJob> burst : bursts) {
            long mean = Math.round(burst.stream().mapToLong(TraceJob::durationMs).average().orElseThrow());
            for (TraceJob t : burst) out.put(t.id(), new Known(mean, burst.size() > 1));
        }
        return out;
    }

    @Override
    public void observe(FinishedRun run) {
        history.observe(run);
    }

    @Override
    public Prediction predict(String jobId, JobFeatures job) {
        Prediction learned = history.predict(jobId, job); // always asked: it keeps each shape's submit context
        Known k = known.get(jobId);
        boolean told = k != null && switch (knows) {
            case BOTH -> true;
            case BURSTS -> k.inBurst();
            case LONE -> !k.inBurst();
        };
        return told ? new Prediction(Duration.ofMillis(k.ms()), k.inBurst() ? "burst mean (oracle)" : "own duration (oracle)", 0) : learned;
    }

    /** Mean JCT in seconds, as a replay reports it. */
    static double meanJct(SimResult r) {
        return RunMetrics.of(r.outcomes(), r.timeline(), r.gpus() * 1000L, false).avgJct();
    }

    /**
     * {@code TRACE [NODES,...] [GAP_S]}: per node count, SJF-oracle +bf, {@code learned}, and
     * {@code learned} told the burst means and lone durations (both, bursts only, lone jobs only),
     * each with its gap to SJF-oracle +bf.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BurstOracle TRACE [NODES,...] [GAP_S]   (8-GPU nodes; defaults 60,50 and 60 s)");
            System.exit(2);
        }
        List<TraceJob> trace = TraceFiles.read(Path.of(args[0]), "auto").items();
        String[] nodeCounts = (args.length > 1 ? args[1] : "60,50").split(",");
        Duration gap = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 60);
        long inBursts = known(trace, gap).values().stream().filter(Known::inBurst).count();
        System.out.printf(Locale.ROOT, "# %d jobs, %d of them in bursts (same shape, submitted < %d s apart)%n",
                trace.size(), inBursts, gap.toSeconds());
        for (String n : nodeCounts) {
            int nodes = Integer.parseInt(n.strip());
            ClusterSpec cluster = ClusterSpec.uniform("n", nodes, 8, "GPU");
            SimOptions learned = SimOptions.of(Policy.LEARNED, PlacementStrategy.PACK);
            double oracle = meanJct(Simulator.run(trace, cluster, SimOptions.of(Policy.SJF_ORACLE_BACKFILL, PlacementStrategy.PACK)));
            print(nodes, "sjf-oracle-backfill", oracle, oracle);
            print(nodes, "learned", meanJct(Simulator.run(trace, cluster, learned)), oracle);
            for (Knows k : Knows.values()) {
                Supplier<DurationPredictor> told = () -> new BurstOracle(trace, gap, k, new HistoryPredictor(learned.predictor()));
                print(nodes, "learned_told_" + k.name().toLowerCase(Locale.ROOT), meanJct(Simulator.run(trace, cluster, learned, told)), oracle);
            }
        }
    }

    private static void print(int nodes, String name, double meanJct, double oracle) {
        System.out.printf(Locale.ROOT, "b5bound_%d_%s_avg_jct_s=%.0f%n", nodes, name, meanJct);
        if (!name.equals("sjf-oracle-backfill")) {
            System.out.printf(Locale.ROOT, "b5bound_%d_%s_gap_pct=%.1f%n", nodes, name, 100 * (meanJct - oracle) / oracle);
        }
    }
}

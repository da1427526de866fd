package dev.fastgpu.sim.cli;

import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.estimate.HistoryPredictorConfig;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.cluster.NodeListReader;
import dev.fastgpu.sim.cluster.Partitions;
import dev.fastgpu.sim.engine.PartitionedReplay;
import dev.fastgpu.sim.engine.Progress;
import dev.fastgpu.sim.engine.Policy;
import dev.fastgpu.sim.engine.SimOptions;
import dev.fastgpu.sim.engine.SimResult;
import dev.fastgpu.sim.engine.Simulator;
import dev.fastgpu.sim.metrics.RunMetrics;
import dev.fastgpu.sim.report.HtmlReport;
import dev.fastgpu.sim.report.JobCsv;
import dev.fastgpu.sim.report.ReplayRun;
import dev.fastgpu.sim.report.TableReport;
import dev.fastgpu.sim.trace.ReadResult;
import dev.fastgpu.sim.trace.TraceFiles;
import dev.fastgpu.sim.trace.TraceJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code fastgpu sim replay}: one replay per policy, printed as a table or JSON lines. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a job trace through the scheduler core with a virtual clock and simulated agents.")
public final class ReplayCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--trace", required = true, description = "trace file (Philly, FastGPU CSV or openb pod list)")
    Path trace;
    @Option(names = "--format", defaultValue = "auto", description = "auto, philly, fastgpu or openb (default: ${DEFAULT-VALUE})")
    String format;
    @Option(names = "--nodes", defaultValue = "60", description = "nodes of the cluster (default: ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--gpus-per-node", defaultValue = "8", description = "GPUs per node (default: ${DEFAULT-VALUE})")
    int gpusPerNode;
    @Option(names = "--gpu-model", defaultValue = "GPU", description = "GPU model of the nodes (default: ${DEFAULT-VALUE})")
    String gpuModel;
    @Option(names = "--node-list", description = "node-list file instead of --nodes/--gpus-per-node")
    Path nodeList;
    @Option(names = "--pooled", description = "pool all GPUs into one node (placement ignored, B5's (P) rows)")
    boolean pooled;
    @Option(names = "--partition-by", description = "partition the cluster per job group; only 'cluster' (the VC) is supported")
    String partitionBy;
    @Option(names = "--partition-sizes", description = "CSV 'vc,nodes': nodes of --gpus-per-node GPUs per VC")
    Path partitionSizes;
    @Option(names = "--policy", defaultValue = "fifo", split = ",",
            description = "comma-separated: fifo, fifo-backfill, sjf-oracle, sjf-oracle-backfill, srtf-oracle, las, learned, learned-preemptive")
    List<String> policies;
    @Option(names = "--placement", defaultValue = "pack", description = "pack, spread or frag (default: ${DEFAULT-VALUE})")
    String placement;
    @Option(names = "--checkpoint-s", defaultValue = "0", description = "preemption cost in seconds: save (GPUs held) and again restore (default: ${DEFAULT-VALUE})")
    double checkpointS;
    @Option(names = "--las-threshold", defaultValue = "3600", description = "2D-LAS queue threshold in GPU-seconds (default: ${DEFAULT-VALUE})")
    double lasThreshold;
    @Option(names = "--wait-cap-h", defaultValue = "72", description = "learned: hours after which a waiting job goes to the head of the queue; 0 = off (default: ${DEFAULT-VALUE})")
    double waitCapH;
    @Option(names = "--burst-gap-s", defaultValue = "60", description = "learned: a submission this soon after the previous one of the same shape is a burst (default: ${DEFAULT-VALUE})")
    double burstGapS;
    @Option(names = "--retry-gap-s", defaultValue = "3600", description = "learned: later but this soon is a retry, later still fresh work; 0 (both) = no submit context (default: ${DEFAULT-VALUE})")
    double retryGapS;
    @Option(names = "--history-window", defaultValue = "8", description = "learned: finished runs remembered per history key (default: ${DEFAULT-VALUE})")
    int historyWindow;
    @Option(names = "--history-quantile", defaultValue = "0.5", description = "learned: quantile of the remembered run times predicted; negative = their mean (default: ${DEFAULT-VALUE})")
    double historyQuantile;
    @Option(names = "--refresh-predictions", description = "learned: predict each waiting job again from the runs that ended since its submission")
    boolean refreshPredictions;
    @Option(names = "--wait-cap-reserves", description = "learned: a job past the wait cap also gets a reservation, so later jobs cannot keep taking the GPUs it needs (off: it only goes first)")
    boolean waitCapReserves;
    @Option(names = "--max-candidates", defaultValue = "0", description = "nodes scored per job by the core, 0 = all (default: ${DEFAULT-VALUE})")
    int maxCandidates;
    @Option(names = "--limit", defaultValue = "0", description = "replay only the first N jobs of the trace")
    int limit;
    @Option(names = "--json", description = "print one JSON object per run instead of the table")
    boolean json;
    @Option(names = "--csv", description = "write one line per job and policy to this file")
    Path csv;
    @Option(names = "--report", description = "write an HTML report with charts into this directory")
    Path report;

    @Override
    public Integer call() throws Exception {
        checkOutputs(); // before a replay that may take minutes, not after it
        ReadResult<TraceJob> read = TraceFiles.read(trace, format);
        if (!read.problems().isEmpty()) System.err.println(read.problemSummary(trace.toString(), 10));
        List<TraceJob> jobs = read.items();
        if (limit > 0 && jobs.size() > limit) jobs = jobs.subList(0, limit);
        if (jobs.isEmpty()) throw new ParameterException(spec.commandLine(), trace + " holds no usable job");
        List<Policy> list = new ArrayList<>();
        for (String p : policies) list.add(parse(() -> Policy.parse(p)));
        PlacementStrategy strategy = parse(() -> PlacementStrategy.valueOf(placement.strip().toUpperCase(Locale.ROOT)));
        SimOptions base = new SimOptions(list.getFirst(), strategy, Math.round(checkpointS * 1000), lasThreshold,
                Math.round(waitCapH * 3_600_000), HistoryPredictorConfig.defaults().withWindow(historyWindow).withQuantile(historyQuantile)
                        .withSubmitContext(Duration.ofMillis(Math.round(burstGapS * 1000)), Duration.ofMillis(Math.round(retryGapS * 1000))),
                maxCandidates, refreshPredictions, waitCapReserves);
        ClusterSpec cluster = partitionBy == null ? cluster() : null;
        Map<String, Integer> partitions = partitionBy == null ? null : partitions();
        List<ReplayRun> runs = new ArrayList<>();
        ProgressLine line = ProgressLine.toStderr(); // quiet unless the replays take a while
        for (Policy p : list) {
            SimOptions o = base.withPolicy(p);
            Progress progress = (done, total) -> line.update("replaying " + p.cliName(), done, total, "jobs finished");
            SimResult r = partitions == null ? Simulator.run(jobs, cluster, o, progress)
                    : PartitionedReplay.run(jobs, partitions, gpusPerNode, gpuModel, o, progress);
            long capacity = 1000L * r.gpus();
            runs.add(new ReplayRun(r, RunMetrics.of(r.outcomes(), r.timeline(), capacity, partitions != null)));
            if (!r.unrunnable().isEmpty()) System.err.println(p.cliName() + ": " + r.unrunnable().size() + " job(s) can never run here, e.g. " + r.unrunnable().getFirst());
        }
        if (json) runs.forEach(r -> System.out.println(r.toJson()));
        else System.out.print(TableReport.render(runs));
        if (csv != null) JobCsv.write(csv, runs);
        if (report != null) {
            Path index = HtmlReport.write(report, "FastGPU replay of " + trace.getFileName(), runs);
            System.err.println("report written to " + index);
        }
        return 0;
    }

    /** {@code --csv} must name a file in an existing, writable directory; {@code --report}'s directory is made now. */
    private void checkOutputs() {
        if (csv != null) {
            Path dir = csv.toAbsolutePath().getParent();
            if (Files.isDirectory(csv)) throw new ParameterException(spec.commandLine(), "--csv " + csv + " is a directory; name a file");
            if (dir == null || !Files.isDirectory(dir)) {
                throw new ParameterException(spec.commandLine(), "--csv " + csv + ": directory " + dir + " does not exist");
            }
            if (!Files.isWritable(dir)) throw new ParameterException(spec.commandLine(), "--csv " + csv + ": directory " + dir + " is not writable");
        }
        if (report != null) {
            try {
                Files.createDirectories(report);
            } catch (java.io.IOException e) {
                throw new ParameterException(spec.commandLine(), "--report " + report + ": cannot create the directory ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
            if (!Files.isWritable(report)) throw new ParameterException(spec.commandLine(), "--report " + report + " is not writable");
        }
    }

    private ClusterSpec cluster() throws Exception {
        if (nodeList != null) {
            ReadResult<NodeSnapshot> nodesRead = NodeListReader.read(nodeList);
            if (!nodesRead.problems().isEmpty()) System.err.println(nodesRead.problemSummary(nodeList.toString(), 10));
            return new ClusterSpec(nodesRead.items());
        }
        if (nodes < 1 || gpusPerNode < 1) throw new ParameterException(spec.commandLine(), "--nodes and --gpus-per-node must be at least 1");
        return pooled ? ClusterSpec.pooled(nodes, gpusPerNode, gpuModel) : ClusterSpec.uniform("n", nodes, gpusPerNode, gpuModel);
    }

    private Map<String, Integer> partitions() throws Exception {
        if (!partitionBy.equalsIgnoreCase("cluster") && !partitionBy.equalsIgnoreCase("vc")) {
            throw new ParameterException(spec.commandLine(), "--partition-by supports only 'cluster' (the job's VC), got '" + partitionBy + "'");
        }
        if (partitionSizes == null) throw new ParameterException(spec.commandLine(), "--partition-by needs --partition-sizes FILE ('vc,nodes' lines)");
        return Partitions.read(partitionSizes);
    }

    private <T> T parse(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}

package dev.fastgpu.sim.cli;

import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.sim.cluster.NodeListReader;
import dev.fastgpu.sim.pack.PackOptions;
import dev.fastgpu.sim.pack.PackProtocol;
import dev.fastgpu.sim.pack.SeedResult;
import dev.fastgpu.sim.report.Json;
import dev.fastgpu.sim.trace.OpenbPod;
import dev.fastgpu.sim.trace.OpenbReader;
import dev.fastgpu.sim.trace.ReadResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fastgpu sim pack}: the FGD packing protocol (B6) on openb node and pod lists. */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = "Place never-ending pods in seeded random order until demand reaches 130%% of capacity; report the share of GPUs allocated.")
public final class PackCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--nodes", required = true, description = "node list (openb sn,cpu_milli,memory_mib,gpu,model, or another node-list format)")
    Path nodes;
    @Option(names = "--pods", required = true, description = "openb pod list")
    Path pods;
    @Option(names = "--seeds", defaultValue = "42-51", description = "seeds, e.g. 42-51 or 1,2,3 (default: ${DEFAULT-VALUE})")
    String seeds;
    @Option(names = "--placement", defaultValue = "frag", description = "pack, spread or frag (default: ${DEFAULT-VALUE})")
    String placement;
    @Option(names = "--stop-at", defaultValue = "130", description = "stop when arrived GPU demand reaches this %% of capacity (default: ${DEFAULT-VALUE})")
    double stopAt;
    @Option(names = "--curve-step", defaultValue = "5", description = "sample the allocation curve every this many %% of demand (default: ${DEFAULT-VALUE})")
    double curveStep;
    @Option(names = "--max-candidates", defaultValue = "0", description = "nodes scored per pod by the core, 0 = all")
    int maxCandidates;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PackOptions options;
        try {
            options = new PackOptions(PackOptions.parseSeeds(seeds),
                    PlacementStrategy.valueOf(placement.strip().toUpperCase(Locale.ROOT)), stopAt, curveStep, maxCandidates);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ReadResult<NodeSnapshot> nodeList = NodeListReader.read(nodes);
        if (!nodeList.problems().isEmpty()) System.err.println(nodeList.problemSummary(nodes.toString(), 10));
        ReadResult<OpenbPod> podList = OpenbReader.readPods(pods);
        if (!podList.problems().isEmpty()) System.err.println(podList.problemSummary(pods.toString(), 10));
        long t0 = System.nanoTime();
        ProgressLine line = ProgressLine.toStderr(); // quiet unless the seeds take a while
        int[] seedsDone = {0};
        List<SeedResult> results = PackProtocol.run(nodeList.items(), podList.items(), options,
                r -> line.update("packing", ++seedsDone[0], options.seeds().size(), "seeds done"));
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        double at100 = results.stream().mapToDouble(SeedResult::allocatedAt100).average().orElse(0);
        double at130 = results.stream().mapToDouble(SeedResult::allocatedAt130).average().orElse(0);
        int gpus = nodeList.items().stream().mapToInt(n -> n.gpus().size()).sum();
        if (json) {
            List<String> perSeed = new ArrayList<>();
            for (SeedResult r : results) {
                List<String> curve = new ArrayList<>();
                for (double[] p : r.curve()) curve.add("[" + Json.number(p[0]) + "," + Json.number(p[1]) + "]");
                perSeed.add(new Json().put("seed", r.seed()).put("allocated_at_100pct", r.allocatedAt100())
                        .put("allocated_at_130pct", r.allocatedAt130()).put("pods_arrived", r.podsArrived())
                        .put("pods_placed", r.podsPlaced()).put("pods_skipped", r.podsSkipped()).put("wall_ms", r.wallMs())
                        .raw("curve", "[" + String.join(",", curve) + "]").toString());
            }
            System.out.println(new Json().put("placement", options.placement().name().toLowerCase(Locale.ROOT))
                    .put("nodes", nodeList.items().size()).put("gpus", gpus).put("pods", podList.items().size())
                    .put("seeds", results.size()).put("allocated_at_100pct", at100).put("allocated_at_130pct", at130)
                    .put("wall_ms", wallMs).raw("per_seed", "[" + String.join(",", perSeed) + "]"));
        } else {
            System.out.printf(Locale.ROOT, "%-6s %12s %12s %8s %8s %8s%n", "seed", "alloc@100%", "alloc@130%", "arrived", "placed", "skipped");
            for (SeedResult r : results) {
                System.out.printf(Locale.ROOT, "%-6d %11.2f%% %11.2f%% %8d %8d %8d%n", r.seed(), r.allocatedAt100(),
                        r.allocatedAt130(), r.podsArrived(), r.podsPlaced(), r.podsSkipped());
            }
            System.out.printf(Locale.ROOT, "mean   %11.2f%% %11.2f%%   (%s placement, %d nodes, %d GPUs, %d ms)%n", at100, at130,
                    options.placement().name().toLowerCase(Locale.ROOT), nodeList.items().size(), gpus, wallMs);
        }
        return 0;
    }
}

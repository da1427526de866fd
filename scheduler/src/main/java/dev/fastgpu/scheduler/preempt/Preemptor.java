package dev.fastgpu.scheduler.preempt;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.Fit;
import dev.fastgpu.scheduler.GpuPicker;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Preemption;
import dev.fastgpu.scheduler.Reason;
import dev.fastgpu.scheduler.pass.ClusterState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes room for a job that does not fit by evicting lower-priority preemptible jobs on one node,
 * choosing the victims that lose the fewest GPU-seconds of work. The job is not placed in this
 * pass: what is free on the node now is held for it, and it starts once the victims are gone.
 * Jobs already being stopped ({@link Allocation#releasing()}) are counted as gone first: if that
 * is enough, nobody else is evicted.
 */
public final class Preemptor {
    /** Exhaustive search up to this many victim jobs on a node; above it, cheapest-first greedy. */
    private static final int EXHAUSTIVE_LIMIT = 12;
    /**
     * Evictions are disruptive and their search is the costliest step of a pass: at most this many
     * preemption decisions per pass; later jobs are considered again in the next pass.
     */
    public static final int MAX_DECISIONS_PER_PASS = 32;

    private final ClusterState state;
    private final Instant now;
    private final Set<String> chosen = new HashSet<>();
    private final Set<String> failed = new HashSet<>(); // "priority|request" that found no victims
    /** Per node: what earlier beneficiaries of this pass will take from resources still to be released. */
    private final Map<Integer, List<Promise>> promised = new java.util.HashMap<>();
    private final int lowestPreemptiblePriority;
    private final boolean anyReleasing;
    private final int maxOptions;
    private final Map<String, Double> lostCache = new java.util.HashMap<>();
    private final Map<Integer, long[]> evictableBelow = new java.util.HashMap<>();
    private final long[] releasingMilli;
    private final long[] chosenMilli;
    private int decisions;

    /** What one preemption decision produced. */
    public record Result(List<Preemption> preemptions, Reason reason) {}

    /**
     * @param maxOptions stop searching after this many nodes where eviction would work (0: look at
     *                   every node), as placement does with its candidate limit
     */
    public Preemptor(ClusterState state, Instant now, int maxOptions) {
        this.state = state;
        this.now = now;
        this.maxOptions = maxOptions;
        int lowest = Integer.MAX_VALUE;
        boolean releasing = false;
        releasingMilli = new long[state.nodeCount()];
        chosenMilli = new long[state.nodeCount()];
        for (int n = 0; n < state.nodeCount(); n++) {
            for (Allocation a : state.allocationsOn(n)) {
                if (a.releasing()) releasingMilli[n] += (long) a.gpuIndices().size() * a.milliPerGpu();
                if (a.releasing()) releasing = true;
                else if (a.preemptible()) lowest = Math.min(lowest, a.priority());
            }
        }
        this.lowestPreemptiblePriority = lowest;
        this.anyReleasing = releasing;
    }

    /** Evicts (or waits for jobs being stopped) so that {@code job} can start; null when that cannot help. */
    public Result tryFor(PendingJob job) {
        if (!anyReleasing && job.priority() <= lowestPreemptiblePriority) return null;
        if (decisions >= MAX_DECISIONS_PER_PASS) return null;
        String key = job.priority() + "|" + job.request();
        if (failed.contains(key)) return null;
        Option best = null;
        int options = 0;
        long[] below = evictableBelow.computeIfAbsent(job.priority(), this::evictableBelow);
        for (int n = state.readyNodes().nextSetBit(0); n >= 0; n = state.readyNodes().nextSetBit(n + 1)) {
            if (!couldMakeRoom(n, job, below) || !state.staticallyFeasible(n, job.request())) continue;
            Option o = bestOnNode(n, job);
            if (o == null) continue;
            if (best == null || o.lost < best.lost || (o.lost == best.lost && o.victims.size() < best.victims.size())) {
                best = o;
            }
            if (best.lost == 0 || (maxOptions > 0 && ++options >= maxOptions)) break;
        }
        if (best == null) {
            failed.add(key);
            return null;
        }
        return commit(best, job);
    }

    /**
     * A cheap upper bound before the real search: the request's GPU share must not exceed what is
     * free plus what every possible victim and every job being stopped holds on the node.
     */
    private boolean couldMakeRoom(int n, PendingJob job, long[] below) {
        long potential = state.usage(n).totalFreeMilli() + releasingMilli[n] + chosenMilli[n] + below[n];
        return potential > 0 && potential >= job.request().totalGpuMilli();
    }

    /** Per node: GPU share held by preemptible, not releasing allocations of priority below {@code priority}. */
    private long[] evictableBelow(int priority) {
        long[] out = new long[state.nodeCount()];
        for (int n = 0; n < out.length; n++) {
            for (Allocation a : state.allocationsOn(n)) {
                if (!a.releasing() && a.preemptible() && a.priority() < priority) out[n] += (long) a.gpuIndices().size() * a.milliPerGpu();
            }
        }
        return out;
    }

    private record Promise(int[] gpus, int milli, long cpuMilli, long memoryMib) {}

    private record Victim(String jobId, int priority, double lostGpuSeconds, List<Allocation> onNode) {}

    private record Option(int node, List<Victim> victims, List<String> releasing, double lost, int[] gpus) {}

    private Option bestOnNode(int n, PendingJob job) {
        ResourceRequest request = job.request();
        NodeUsage base = state.usage(n).copy();
        List<String> releasing = new ArrayList<>();
        Map<String, List<Allocation>> victimAllocations = new LinkedHashMap<>();
        for (Allocation a : state.allocationsOn(n)) {
            if (a.releasing() || chosen.contains(a.jobId())) {
                base.give(a);
                if (!releasing.contains(a.jobId())) releasing.add(a.jobId());
            } else if (a.preemptible() && a.priority() < job.priority()) {
                victimAllocations.computeIfAbsent(a.jobId(), k -> new ArrayList<>()).add(a);
            }
        }
        for (Promise p : promised.getOrDefault(n, List.of())) base.take(p.gpus(), p.milli(), p.cpuMilli(), p.memoryMib());
        int[] gpus = Fit.pick(state.node(n), base, request, GpuPicker.Preference.BEST_FIT);
        if (gpus != null) return releasing.isEmpty() ? null : new Option(n, List.of(), releasing, 0, gpus);
        List<Victim> victims = new ArrayList<>();
        for (var e : victimAllocations.entrySet()) {
            List<Allocation> all = state.allocationsOf(e.getKey());
            double lost = lostCache.computeIfAbsent(e.getKey(), k -> lostGpuSeconds(all));
            victims.add(new Victim(e.getKey(), all.getFirst().priority(), lost, e.getValue()));
        }
        if (victims.isEmpty() || !fitsWithout(n, base, victims, request)) return null;
        victims.sort((a, b) -> a.lostGpuSeconds != b.lostGpuSeconds
                ? Double.compare(a.lostGpuSeconds, b.lostGpuSeconds) : a.jobId.compareTo(b.jobId));
        List<Victim> set = victims.size() <= EXHAUSTIVE_LIMIT ? cheapestSubset(n, base, victims, request) : greedy(n, base, victims, request);
        NodeUsage after = without(base, set);
        double lost = set.stream().mapToDouble(Victim::lostGpuSeconds).sum();
        return new Option(n, set, releasing, lost, Fit.pick(state.node(n), after, request, GpuPicker.Preference.BEST_FIT));
    }

    /** Every subset, cheapest total lost work first; ties: fewer victims, then the earlier subset. */
    private List<Victim> cheapestSubset(int n, NodeUsage base, List<Victim> victims, ResourceRequest request) {
        int best = -1;
        double bestLost = Double.MAX_VALUE;
        for (int mask = 1; mask < (1 << victims.size()); mask++) {
            double lost = 0;
            for (int i = 0; i < victims.size(); i++) if ((mask & (1 << i)) != 0) lost += victims.get(i).lostGpuSeconds;
            boolean better = lost < bestLost || (lost == bestLost && Integer.bitCount(mask) < Integer.bitCount(best));
            if (!better) continue;
            if (fitsWithout(n, base, subset(victims, mask), request)) {
                best = mask;
                bestLost = lost;
            }
        }
        return subset(victims, best);
    }

    /** Cheapest first until it fits, then drop any victim that turned out unnecessary. */
    private List<Victim> greedy(int n, NodeUsage base, List<Victim> victims, ResourceRequest request) {
        List<Victim> set = new ArrayList<>();
        for (Victim v : victims) {
            set.add(v);
            if (fitsWithout(n, base, set, request)) break;
        }
        for (int i = set.size() - 1; i >= 0; i--) {
            List<Victim> smaller = new ArrayList<>(set);
            smaller.remove(i);
            if (fitsWithout(n, base, smaller, request)) set = smaller;
        }
        return set;
    }

    private static List<Victim> subset(List<Victim> victims, int mask) {
        List<Victim> out = new ArrayList<>();
        for (int i = 0; i < victims.size(); i++) if ((mask & (1 << i)) != 0) out.add(victims.get(i));
        return out;
    }

    private boolean fitsWithout(int n, NodeUsage base, List<Victim> victims, ResourceRequest request) {
        return Fit.pick(state.node(n), without(base, victims), request, GpuPicker.Preference.BEST_FIT) != null;
    }

    private static NodeUsage without(NodeUsage base, List<Victim> victims) {
        NodeUsage u = base.copy();
        for (Victim v : victims) for (Allocation a : v.onNode) u.give(a);
        return u;
    }

    /** GPUs (by share) times seconds run so far, over every node the job runs on. */
    private double lostGpuSeconds(List<Allocation> allocations) {
        double sum = 0;
        for (Allocation a : allocations) {
            double seconds = a.startedAt() == null ? 0 : Math.max(0, Duration.between(a.startedAt(), now).toMillis() / 1000.0);
            sum += a.gpuIndices().size() * (a.milliPerGpu() / 1000.0) * seconds;
        }
        return sum;
    }

    /** Holds what is free now on the node for the job and records the victims. */
    private Result commit(Option o, PendingJob job) {
        decisions++;
        String nodeId = state.node(o.node).id();
        List<Promise> promises = promised.computeIfAbsent(o.node, k -> new ArrayList<>());
        for (int g : o.gpus) {
            int hold = Math.min(state.usage(o.node).freeMilli(g), job.request().milliPerGpu());
            if (hold > 0) state.take(o.node, new int[] {g}, hold, 0, 0);
            int later = job.request().milliPerGpu() - hold;
            if (later > 0) promises.add(new Promise(new int[] {g}, later, 0, 0));
        }
        NodeUsage usage = state.usage(o.node);
        long cpu = Math.min(usage.freeCpuMilli(), job.request().cpuMilli());
        long mem = Math.min(usage.freeMemoryMib(), job.request().memoryMib());
        state.take(o.node, new int[0], 0, cpu, mem);
        promises.add(new Promise(new int[0], 0, job.request().cpuMilli() - cpu, job.request().memoryMib() - mem));
        List<Preemption> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Victim v : o.victims) {
            chosen.add(v.jobId);
            for (Allocation a : v.onNode) chosenMilli[o.node] += (long) a.gpuIndices().size() * a.milliPerGpu();
            names.add(v.jobId);
            out.add(new Preemption(v.jobId, job.id(), nodeId, v.lostGpuSeconds, new Reason("preempted",
                    "job " + job.id() + " (priority " + job.priority() + ") needs its GPUs on node " + nodeId
                            + "; this job has priority " + v.priority + " and is preemptible")));
        }
        if (o.victims.isEmpty()) {
            return new Result(out, new Reason("waiting_for_release", "waits for " + jobs(o.releasing)
                    + " being stopped on node " + nodeId + "; its GPUs there are held for it"));
        }
        return new Result(out, new Reason("preempting", "preempting " + jobs(names) + " on node " + nodeId
                + "; starts when they release their GPUs"));
    }

    private static String jobs(List<String> ids) {
        return (ids.size() == 1 ? "job " : "jobs ") + String.join(", ", ids);
    }
}

package dev.fastgpu.sim.pack;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Placement;
import dev.fastgpu.scheduler.Plan;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.scheduler.SchedulerConfig;
import dev.fastgpu.scheduler.TaskShape;
import dev.fastgpu.scheduler.score.WorkloadShapes;
import dev.fastgpu.sim.trace.OpenbPod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * B6, the FGD protocol: the pod list is shuffled by the seed; pods arrive one by one until the
 * arrived GPU demand reaches {@code stopAtPct} of capacity; the core places each pod or it is
 * skipped (pods never leave). The metric is the share of GPU capacity allocated (fractional pods
 * count by their share) when arrived demand reaches 100 %.
 *
 * <p>Pods are handed to the core in batches (one per curve step) ordered FIFO with greedy
 * backfill: the core places them in arrival order, each seeing the placements before it, and
 * skips the ones that fit nowhere, which is exactly one-by-one arrival with fewer passes.
 */
public final class PackProtocol {
    private PackProtocol() {}

    public static List<SeedResult> run(List<NodeSnapshot> nodes, List<OpenbPod> pods, PackOptions options) {
        return run(nodes, pods, options, r -> { });
    }

    /** As {@link #run(List, List, PackOptions)}, handing each seed's result to {@code done} as soon as it is known. */
    public static List<SeedResult> run(List<NodeSnapshot> nodes, List<OpenbPod> pods, PackOptions options,
                                       java.util.function.Consumer<SeedResult> done) {
        List<SeedResult> out = new ArrayList<>();
        for (long seed : options.seeds()) {
            SeedResult r = runSeed(nodes, pods, options, seed);
            out.add(r);
            done.accept(r);
        }
        return out;
    }

    static SeedResult runSeed(List<NodeSnapshot> nodes, List<OpenbPod> pods, PackOptions options, long seed) {
        long t0 = System.nanoTime();
        long capacity = 0;
        for (NodeSnapshot n : nodes) capacity += 1000L * n.gpus().size();
        if (capacity == 0) throw new IllegalArgumentException("the node list has no GPU");
        if (pods.isEmpty()) throw new IllegalArgumentException("the pod list is empty");
        Random random = new Random(seed);
        List<OpenbPod> order = new ArrayList<>(pods);
        Collections.shuffle(order, random);
        inflate(order, pods, capacity, options.stopAtPct(), random);
        SchedulerConfig config = new SchedulerConfig(SchedulerConfig.QueueOrder.FIFO,
                SchedulerConfig.Backfill.GREEDY, options.placement(), false, options.maxCandidates());
        config = config.withWorkload(workload(nodes, pods));
        Scheduler scheduler = new Scheduler(config);
        List<Allocation> allocations = new ArrayList<>();
        List<double[]> curve = new ArrayList<>();
        long arrivedMilli = 0, allocatedMilli = 0;
        double at100 = -1;
        int arrived = 0, placed = 0;
        double nextStep = options.curveStepPct();
        List<PendingJob> batch = new ArrayList<>();
        for (int i = 0; i < order.size() && 100.0 * arrivedMilli / capacity < options.stopAtPct(); i++) {
            OpenbPod pod = order.get(i);
            batch.add(pending(pod, arrived));
            arrived++;
            arrivedMilli += pod.gpuDemandMilli();
            double demandPct = 100.0 * arrivedMilli / capacity;
            boolean last = i + 1 == order.size() || demandPct >= options.stopAtPct();
            if (demandPct >= nextStep || last || (at100 < 0 && demandPct >= 100)) {
                long[] got = place(scheduler, nodes, allocations, batch, arrived);
                placed += (int) got[0];
                allocatedMilli += got[1];
                batch.clear();
                double allocatedPct = 100.0 * allocatedMilli / capacity;
                curve.add(new double[]{demandPct, allocatedPct});
                if (at100 < 0 && demandPct >= 100) at100 = allocatedPct;
                while (nextStep <= demandPct) nextStep += options.curveStepPct();
            }
        }
        double final130 = 100.0 * allocatedMilli / capacity;
        if (at100 < 0) at100 = final130; // the list ran out before demand reached 100 %
        return new SeedResult(seed, at100, final130, arrived, placed, arrived - placed, curve, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * A list whose GPU demand is below the stop level (the default openb list asks for 98 % of its
     * cluster) is extended as FGD's workload inflation does: copies of pods drawn at random from
     * the list are appended until the demand reaches the stop level.
     */
    private static void inflate(List<OpenbPod> order, List<OpenbPod> pods, long capacity, double stopAtPct, Random random) {
        long demand = 0;
        for (OpenbPod p : order) demand += p.gpuDemandMilli();
        long total = 0;
        for (OpenbPod p : pods) total += p.gpuDemandMilli();
        if (total == 0) return;
        while (100.0 * demand / capacity < stopAtPct) {
            OpenbPod p = pods.get(random.nextInt(pods.size()));
            order.add(p);
            demand += p.gpuDemandMilli();
        }
    }

    /** One pass over a batch; returns {pods placed, GPU thousandths allocated}. */
    private static long[] place(Scheduler scheduler, List<NodeSnapshot> nodes, List<Allocation> allocations,
                                List<PendingJob> batch, int clock) {
        Plan plan = scheduler.schedule(new ClusterSnapshot(nodes, allocations), batch, Instant.ofEpochSecond(clock));
        long milli = 0;
        for (Placement p : plan.placements()) {
            for (Placement.NodeAssignment a : p.assignments()) {
                allocations.add(new Allocation(p.jobId(), a.nodeId(), a.gpuIndices(), a.milliPerGpu(), a.cpuMilli(),
                        a.memoryMib(), 0, false, Instant.ofEpochSecond(clock), null, false));
                milli += (long) a.milliPerGpu() * a.gpuIndices().size();
            }
        }
        return new long[]{plan.placements().size(), milli};
    }

    /**
     * The pod list's task shapes, as FGD's target workload: every GPU pod type (CPU and memory by
     * {@link WorkloadShapes#fromRequests class}) weighted by how often it occurs, all of them kept.
     */
    static List<TaskShape> workload(List<NodeSnapshot> nodes, List<OpenbPod> pods) {
        int largest = 0;
        for (NodeSnapshot n : nodes) largest = Math.max(largest, n.gpus().size());
        List<ResourceRequest> requests = new ArrayList<>(pods.size());
        for (int i = 0; i < pods.size(); i++) requests.add(pending(pods.get(i), i).request());
        return WorkloadShapes.fromRequests(requests, largest, Integer.MAX_VALUE);
    }

    /** The pod as a pending job; its arrival index is its submit time so FIFO order is arrival order. */
    static PendingJob pending(OpenbPod pod, int index) {
        int gpus = pod.gpus();
        int milli = gpus == 1 ? pod.gpuMilli() : 1000;
        ResourceRequest req = new ResourceRequest(gpus, milli, pod.gpuModels(), 0, pod.cpuMilli(), pod.memoryMib(), Map.of());
        return new PendingJob(String.format("p%07d", index), req, 0, false, Instant.ofEpochSecond(index), null, "openb");
    }
}

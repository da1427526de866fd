package dev.fastgpu.sim.engine;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Placement;
import dev.fastgpu.scheduler.Plan;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.scheduler.SchedulerConfig;
import dev.fastgpu.scheduler.order.QueueOrders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first call of a preemptive re-plan: which of all active jobs the core would run on the
 * cluster minus the jobs still saving a checkpoint. It gives the placements of one call of the
 * core with every active job, handing the core only the part of the queue that changed.
 *
 * <p>Why that is the same: with greedy backfill and no preemption inside the pass, the core walks
 * the queue in its order and places each job on the state the earlier jobs left, by the job's
 * request alone (a job it cannot place changes nothing; priority and estimate only order the
 * queue). So when the queue, sorted by the core's own {@link QueueOrders#sorted}, starts with the
 * same jobs, with the same requests, as at the last re-plan, and the checkpointing jobs are the
 * same, the core places that prefix exactly as it did then. The prefix's placements are handed
 * back to the core as allocations (the state the prefix left) and the core is called with the rest
 * of the queue only; the core keeps nothing between calls that depends on allocations or the
 * queue. The FRAG placement derives its workload from the whole queue, so it always gets one call
 * with everything.
 *
 * <p>On the pooled node (one node whose GPUs are all one model) with whole-GPU requests only, the
 * core's fit is a count: a job is placed exactly when the jobs placed before it leave at least its
 * GPU count free, so the choice is a walk of the core's queue order counting GPUs (see
 * {@link #countedWalk}). {@code SimulatorPreemptiveShortcutsTest} checks the outcome of both
 * shortcuts against the plain path on random traces.
 */
final class IdealPass {
    private final Scheduler scheduler;
    private final List<NodeSnapshot> nodes;
    private final boolean reuse;
    /** The last pass: the queue in the core's order, and each job's placement (null: not placed). */
    private List<PendingJob> lastOrder = List.of();
    private Placement[] lastPlacements = new Placement[0];
    private List<Allocation> lastBase;
    /** The pooled node (see {@link #countedWalk}), or null on any other cluster. */
    private final Pool pool;
    /** Requests seen by {@link #counted}, by identity (the simulator shares one object per request shape). */
    private final Map<ResourceRequest, Boolean> countedRequests = new IdentityHashMap<>();
    /** The last call's queue order: positions in its {@code all}; null when it did not sort (the plain path). */
    private int[] lastPerm;

    IdealPass(Scheduler scheduler, List<NodeSnapshot> nodes, Pool pool, boolean reuse) {
        this.scheduler = scheduler;
        this.nodes = nodes;
        this.reuse = reuse && scheduler.config().placement() != SchedulerConfig.PlacementStrategy.FRAG
                && scheduler.config().backfill() == SchedulerConfig.Backfill.GREEDY && !scheduler.config().preemption();
        this.pool = pool;
    }

    /** {@code items}, listed as the last call's {@code all} was, in that call's queue order (as handed in when it did not sort). */
    <T> List<T> inQueueOrder(List<T> items) {
        if (lastPerm == null) return items;
        List<T> out = new ArrayList<>(lastPerm.length);
        for (int i : lastPerm) out.add(items.get(i));
        return out;
    }

    /**
     * Which of {@code all} one call of the core with {@code all} on the nodes minus {@code base}
     * places: {@code result[i]} for {@code all.get(i)}.
     */
    boolean[] chosen(List<Allocation> base, List<PendingJob> all, Instant now) {
        boolean[] out = new boolean[all.size()];
        lastPerm = null;
        if (!reuse) {
            Map<String, Integer> at = HashMap.newHashMap(all.size());
            for (int i = 0; i < all.size(); i++) at.put(all.get(i).id(), i);
            for (Placement p : scheduler.schedule(new ClusterSnapshot(nodes, base), all, now).placements()) out[at.get(p.jobId())] = true;
            return out;
        }
        int[] perm = QueueOrders.sortedIndices(all, scheduler.config().order());
        lastPerm = perm;
        if (pool != null && countedWalk(base, all, perm, out)) {
            lastOrder = List.of(); // the next core call starts from scratch
            lastPlacements = new Placement[0];
            return out;
        }
        List<PendingJob> order = new ArrayList<>(perm.length);
        for (int i : perm) order.add(all.get(i));
        int same = base.equals(lastBase) ? samePrefix(order) : 0;
        Placement[] placements = Arrays.copyOf(lastPlacements, order.size());
        Arrays.fill(placements, same, placements.length, null);
        if (same < order.size()) {
            List<Allocation> state = new ArrayList<>(base);
            for (int i = 0; i < same; i++) if (placements[i] != null) addAllocations(state, order.get(i), placements[i], now);
            Plan plan = scheduler.schedule(new ClusterSnapshot(nodes, state), order.subList(same, order.size()), now);
            record(plan.placements(), order, same, placements);
        }
        lastOrder = order;
        lastPlacements = placements;
        lastBase = base;
        for (int k = 0; k < placements.length; k++) if (placements[k] != null) out[perm[k]] = true;
        return out;
    }

    /**
     * The pooled node's choice when every request counts there ({@link Pool#counts}) and the jobs
     * saving a checkpoint hold whole GPUs: the core places a job exactly when its GPU count is at
     * most the GPUs still free, in its queue order ({@code perm}). Marks them in
     * {@code out}; false, marking nothing, when the cluster's state or a request is of another kind.
     */
    private boolean countedWalk(List<Allocation> base, List<PendingJob> all, int[] perm, boolean[] out) {
        long free = pool.gpus();
        for (Allocation a : base) {
            if (a.milliPerGpu() != ResourceRequest.WHOLE) return false;
            free -= a.gpuIndices().size();
        }
        ResourceRequest last = null; // most jobs share their request object with the job before them
        for (int i : perm) {
            ResourceRequest r = all.get(i).request();
            if (r != last && !counted(r)) {
                Arrays.fill(out, false);
                return false;
            }
            last = r;
            if (r.gpus() <= free) {
                out[i] = true;
                free -= r.gpus();
            }
        }
        return true;
    }

    private boolean counted(ResourceRequest r) {
        return countedRequests.computeIfAbsent(r, pool::counts);
    }

    /** Files each placement under its job's position in {@code order} (at or after {@code from}). */
    private static void record(List<Placement> placed, List<PendingJob> order, int from, Placement[] placements) {
        int i = from;
        for (Placement p : placed) { // the core places in queue order: one walk finds them all
            while (i < order.size() && !order.get(i).id().equals(p.jobId())) i++;
            if (i == order.size()) break;
            placements[i++] = p;
        }
        if (countFrom(placements, from) == placed.size()) return;
        Arrays.fill(placements, from, placements.length, null); // not in queue order after all: look each one up
        Map<String, Integer> at = HashMap.newHashMap(order.size() - from);
        for (int k = from; k < order.size(); k++) at.put(order.get(k).id(), k);
        for (Placement p : placed) placements[at.get(p.jobId())] = p;
    }

    private static int countFrom(Placement[] placements, int from) {
        int n = 0;
        for (int k = from; k < placements.length; k++) if (placements[k] != null) n++;
        return n;
    }

    /** How many jobs at the head of {@code order} are the last pass's, with the same requests. */
    private int samePrefix(List<PendingJob> order) {
        int n = Math.min(order.size(), lastOrder.size());
        int i = 0;
        while (i < n) {
            PendingJob now = order.get(i), then = lastOrder.get(i);
            if (!now.id().equals(then.id()) || !now.request().equals(then.request())) break;
            i++;
        }
        return i;
    }

    /** The placement as the allocations in force it leaves behind (only what they hold matters to the core here). */
    private static void addAllocations(List<Allocation> state, PendingJob job, Placement placement, Instant now) {
        for (Placement.NodeAssignment a : placement.assignments()) {
            state.add(new Allocation(job.id(), a.nodeId(), a.gpuIndices(), a.milliPerGpu(), a.cpuMilli(), a.memoryMib(),
                    job.priority(), job.preemptible(), now, job.estimate(), false));
        }
    }
}

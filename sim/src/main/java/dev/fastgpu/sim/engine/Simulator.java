package dev.fastgpu.sim.engine;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.LiveCluster;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Placement;
import dev.fastgpu.scheduler.Plan;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.scheduler.SchedulerConfig;
import dev.fastgpu.scheduler.SchedulerConfig.Backfill;
import dev.fastgpu.scheduler.SchedulerConfig.QueueOrder;
import dev.fastgpu.scheduler.estimate.DurationPredictor;
import dev.fastgpu.scheduler.estimate.FinishedRun;
import dev.fastgpu.scheduler.estimate.HistoryPredictor;
import dev.fastgpu.scheduler.estimate.Prediction;
import dev.fastgpu.scheduler.order.QueueOrders;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.metrics.JobOutcome;
import dev.fastgpu.sim.metrics.Timeline;
import dev.fastgpu.sim.trace.TraceJob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Replays a trace against the real {@link Scheduler}: a virtual clock jumps from event to event
 * (arrivals, run ends, checkpoint ends, LAS demotions, wait caps); all events at one instant are
 * applied, then one scheduling pass runs and its plan is applied by simulated agents (the
 * {@link LiveCluster}, which refuses a plan that would over-commit a GPU: a scheduler bug). The
 * simulator never chooses who runs or where: the core does.
 *
 * <p>Preemptive policies (srtf-oracle, las, learned-preemptive) re-plan at every event: the core is
 * asked which of all active jobs (running and queued, with priorities recomputed) it would run on the cluster
 * ignoring what runs now; running jobs it leaves out are evicted (with the checkpoint cost), then
 * the core places the chosen queued jobs on the real state.
 */
public final class Simulator {
    private final ClusterSpec cluster;
    private final SimOptions options;
    private final Scheduler scheduler;
    /** learned: used while a job past the wait cap waits, so it gets a reservation. */
    private final Scheduler guard;
    private final JobMapper mapper;
    private final DurationPredictor predictor;
    /** learned-preemptive: Gittins ranks from the predictor's history (it is also {@link #predictor}); else null. */
    private final GittinsRanker ranker;
    /** The allocations in force: the simulated agents' hardware, and what the core places on. */
    private final LiveCluster live;
    private final EventQueue events = new EventQueue();
    private final Timeline timeline = new Timeline();
    /** Waiting jobs; in the core's queue order for strict policies (see {@link #strictPass}), else in arrival order. */
    private final List<SimJob> queue = new ArrayList<>();
    private final Comparator<SimJob> inCoreOrder;
    private final Map<String, SimJob> active = new LinkedHashMap<>();
    private final List<SimJob> finished = new ArrayList<>();
    /** Jobs holding GPUs (running or saving a checkpoint), in the order they started: the snapshot's allocations. */
    private final java.util.Set<SimJob> holding = new java.util.LinkedHashSet<>();
    private long preemptions;
    private long capTriggers;
    private long passes;
    private Progress progress = Progress.NONE;
    private int jobCount;
    /** Every pass hands the core the whole queue (the reference for tests, see {@link #runWholeQueue}). */
    private boolean wholeQueue;
    /** See {@link #runLimited}. */
    private long passLimit = Long.MAX_VALUE;
    /** Stamps the jobs a preemptive re-plan listed (see {@link SimJob#listed}). */
    private long listMark;
    private int cappedWaiting;
    /** Jobs saving a checkpoint (they still hold their GPUs). */
    private int checkpointing;
    /** Strict FIFO: the last pass left a job waiting, so a later arrival cannot start before it. */
    private boolean headBlocked;

    /** Preemptive policies: the jobs of the last re-plan, in the core's queue order then. */
    private List<SimJob> ranked = List.of();
    /** A job started outside the full re-plan since {@link #ranked} was listed: it may be running and not in it. */
    private boolean startedUnranked;
    /** Preemptive policies: the re-plan's first call (see {@link IdealPass}). */
    private IdealPass ideal;
    /** The pooled cluster, or null (see {@link #everyActiveJobFits}). */
    private final Pool pool;
    /** GPUs asked for by the active jobs (arrived, not finished). */
    private long activeGpus;
    /** Active jobs whose fit on the pooled node is not a count of whole GPUs ({@link Pool#counts}); all of them on other clusters. */
    private int activeNotCounted;

    private Simulator(ClusterSpec cluster, SimOptions options, Supplier<DurationPredictor> predictors) {
        this.cluster = cluster;
        this.options = options;
        Policy p = options.policy();
        // the simulator reads placements only: no reasons for the jobs left waiting
        this.scheduler = new Scheduler(p.config(options.placement(), options.maxCandidates()), false);
        this.guard = new Scheduler(new SchedulerConfig(QueueOrder.SHORTEST_FIRST, Backfill.RESERVING,
                options.placement(), false, options.maxCandidates()), false);
        this.ranker = p == Policy.LEARNED_PREEMPTIVE ? new GittinsRanker(predictors.get(), options) : null;
        this.predictor = p == Policy.LEARNED ? predictors.get() : ranker;
        this.mapper = new JobMapper(options, ranker);
        this.live = new LiveCluster(cluster.nodes());
        Comparator<PendingJob> core = QueueOrders.of(p.order());
        this.inCoreOrder = (a, b) -> core.compare(a.pending, b.pending);
        this.pool = Pool.of(cluster.nodes());
    }

    private boolean counted(ResourceRequest r) {
        return pool != null && pool.counts(r);
    }

    public static SimResult run(List<TraceJob> trace, ClusterSpec cluster, SimOptions options) {
        return run(trace, cluster, options, () -> new HistoryPredictor(options.predictor()));
    }

    /** As {@link #run(List, ClusterSpec, SimOptions)}, telling {@code progress} how far it is. */
    public static SimResult run(List<TraceJob> trace, ClusterSpec cluster, SimOptions options, Progress progress) {
        return run(trace, cluster, options, () -> new HistoryPredictor(options.predictor()), false, Long.MAX_VALUE, progress);
    }

    /** As {@link #run(List, ClusterSpec, SimOptions)}, with the {@code learned} policy's predictor made by {@code predictors}. */
    public static SimResult run(List<TraceJob> trace, ClusterSpec cluster, SimOptions options, Supplier<DurationPredictor> predictors) {
        return run(trace, cluster, options, predictors, false);
    }

    /**
     * As {@link #run(List, ClusterSpec, SimOptions)}, handing the core the whole queue at every pass
     * (no prefix chunks for strict policies, no leaving out jobs that cannot fit for greedy ones):
     * the reference the faster passes are tested against.
     */
    static SimResult runWholeQueue(List<TraceJob> trace, ClusterSpec cluster, SimOptions options) {
        return run(trace, cluster, options, () -> new HistoryPredictor(options.predictor()), true);
    }

    /**
     * Tests: as {@link #run(List, ClusterSpec, SimOptions)} or {@link #runWholeQueue}, empty when the
     * run needs more than {@code passLimit} passes (with a checkpoint cost, a preemptive replay can
     * evict and restart the same jobs without end).
     */
    static java.util.Optional<SimResult> runLimited(List<TraceJob> trace, ClusterSpec cluster, SimOptions options,
                                                    boolean wholeQueue, long passLimit) {
        try {
            return java.util.Optional.of(run(trace, cluster, options, () -> new HistoryPredictor(options.predictor()), wholeQueue, passLimit,
                    Progress.NONE));
        } catch (PassLimitReached e) {
            return java.util.Optional.empty();
        }
    }

    private static final class PassLimitReached extends RuntimeException {
        PassLimitReached() {
            super(null, null, false, false);
        }
    }

    private static SimResult run(List<TraceJob> trace, ClusterSpec cluster, SimOptions options,
                                 Supplier<DurationPredictor> predictors, boolean wholeQueue) {
        return run(trace, cluster, options, predictors, wholeQueue, Long.MAX_VALUE, Progress.NONE);
    }

    private static SimResult run(List<TraceJob> trace, ClusterSpec cluster, SimOptions options,
                                 Supplier<DurationPredictor> predictors, boolean wholeQueue, long passLimit, Progress progress) {
        long t0 = System.nanoTime();
        Simulator sim = new Simulator(cluster, options, predictors);
        sim.wholeQueue = wholeQueue;
        sim.ideal = new IdealPass(sim.scheduler, cluster.nodes(), sim.pool, !wholeQueue);
        sim.passLimit = passLimit;
        sim.progress = progress;
        List<String> unrunnable = new ArrayList<>();
        List<SimJob> jobs = sim.admit(trace, unrunnable);
        sim.jobCount = jobs.size();
        sim.loop(jobs);
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        return sim.result(jobs, unrunnable, wallMs);
    }

    private List<SimJob> admit(List<TraceJob> trace, List<String> unrunnable) {
        List<TraceJob> sorted = new ArrayList<>(trace);
        sorted.sort(Comparator.comparingLong(TraceJob::submitMs).thenComparingInt(TraceJob::line).thenComparing(TraceJob::id));
        List<SimJob> jobs = new ArrayList<>(sorted.size());
        // equal requests share one object: the core looks request shapes up by identity first
        Map<ResourceRequest, ResourceRequest> requests = new HashMap<>();
        Map<java.util.Set<String>, Integer> fittingByModels = new HashMap<>(); // GPUs a job of these models may use
        for (TraceJob t : sorted) {
            int fitting = fittingByModels.computeIfAbsent(t.gpuModels(), models -> {
                int sum = 0;
                for (NodeSnapshot n : cluster.nodes()) {
                    if (!n.gpus().isEmpty() && (models.isEmpty() || models.contains(n.gpus().get(0).model()))) sum += n.gpus().size();
                }
                return sum;
            });
            if (t.gpus() > fitting) {
                unrunnable.add(t.id() + " (line " + t.line() + "): asks for " + t.gpus() + " GPUs, the cluster has " + fitting + " it may use");
                continue;
            }
            ResourceRequest req = requests.computeIfAbsent(
                    new ResourceRequest(t.gpus(), t.milliPerGpu(), t.gpuModels(), 0, 0, 0, Map.of()), r -> r);
            jobs.add(new SimJob(t, req));
        }
        return jobs;
    }

    private void loop(List<SimJob> jobs) {
        int next = 0;
        while (next < jobs.size() || !events.isEmpty()) {
            long now = Math.min(next < jobs.size() ? jobs.get(next).trace.submitMs() : Long.MAX_VALUE, events.peekTime());
            Changes changes = new Changes();
            while (events.peekTime() == now) handle(events.poll(), now, changes);
            while (next < jobs.size() && jobs.get(next).trace.submitMs() == now) {
                arrive(jobs.get(next++), now, changes);
            }
            if (passes > passLimit) throw new PassLimitReached();
            if (options.policy().preemptive()) {
                replanPreemptive(now);
            } else if (needsPass(changes)) {
                pass(now);
            }
            timeline.record(now, queue.size(), live.busyGpuMilli());
        }
    }

    /** What changed in one instant; decides whether a pass can possibly place anything. */
    private static final class Changes {
        boolean freed;
        boolean capped;
        long minArrivedMilli = Long.MAX_VALUE;
    }

    private void handle(Event e, long now, Changes changes) {
        SimJob job = e.job();
        if (!e.isCurrent()) return;
        switch (e.kind()) {
            case FINISH -> finish(job, now, changes);
            case RELEASE -> {
                checkpointing--;
                release(job);
                job.remainingMs += options.checkpointMs();
                enqueue(job, now);
                changes.freed = true;
            }
            // the preemptive re-plan that follows recomputes priorities and victims
            case DEMOTE -> {
                if (ranker != null) nextQuantum(job, now);
            }
            case PREEMPTIBLE -> { }
            case WAIT_CAP -> {
                if (job.phase == SimJob.Phase.QUEUED) {
                    job.capped = true;
                    job.pending = mapper.pending(job, now);
                    capTriggers++;
                    cappedWaiting++;
                    changes.capped = true;
                }
            }
        }
    }

    /** The job's GPUs go back: to the simulated agents, the core's live cluster and the set of holders. */
    private void release(SimJob job) {
        holding.remove(job);
        live.removeAll(job.allocations);
        job.allocations = List.of();
    }

    private void finish(SimJob job, long now, Changes changes) {
        release(job);
        job.attainedGpuMs += (double) job.trace.gpus() * (now - job.segmentStartMs);
        job.remainingMs = 0;
        job.phase = SimJob.Phase.DONE;
        job.finishMs = now;
        job.epoch++;
        active.remove(job.id());
        activeGpus -= job.trace.gpus();
        if (!counted(job.request)) activeNotCounted--;
        finished.add(job);
        if (finished.size() % Progress.EVERY == 0 || finished.size() == jobCount) progress.finished(finished.size(), jobCount);
        changes.freed = true;
        if (predictor != null) {
            predictor.observe(new FinishedRun(job.id(), JobMapper.features(job), Duration.ofMillis(job.trace.durationMs()), Instant.ofEpochMilli(now)));
        }
    }

    private void arrive(SimJob job, long now, Changes changes) {
        if (predictor != null) {
            Prediction p = predictor.predict(job.id(), JobMapper.features(job));
            job.predictedMs = Math.max(0, p.estimate().toMillis());
            if (options.waitCapMs() > 0) events.add(now + options.waitCapMs(), Event.Kind.WAIT_CAP, job);
        }
        active.put(job.id(), job);
        activeGpus += job.trace.gpus();
        if (!counted(job.request)) activeNotCounted++;
        enqueue(job, now);
        changes.minArrivedMilli = Math.min(changes.minArrivedMilli, job.trace.gpuMilli());
    }

    private void enqueue(SimJob job, long now) {
        job.phase = SimJob.Phase.QUEUED;
        if (ranker != null && job.preemptions > 0) { // waiting again after a preemption: the cap still holds
            if (job.capped) cappedWaiting++;
            else if (options.waitCapMs() > 0) events.add(Math.max(now + 1, job.trace.submitMs() + options.waitCapMs()), Event.Kind.WAIT_CAP, job);
        }
        job.pending = mapper.pending(job, now);
        if (strict()) {
            int at = java.util.Collections.binarySearch(queue, job, inCoreOrder);
            queue.add(at < 0 ? -at - 1 : at, job); // ids are unique, so there is no equal job
        } else {
            queue.add(job);
        }
    }

    /**
     * A pass is skipped only when it provably cannot place anything: nothing was freed and no wait
     * cap fired since the last pass (so every job that waited then still does not fit), and either
     * strict FIFO already blocks behind an older job, or no new arrival fits in the free GPUs in total;
     * or, after GPUs were freed, no waiting job (strict FIFO: the oldest one) fits in the free GPUs in total.
     */
    private boolean needsPass(Changes c) {
        if (queue.isEmpty()) return false;
        if (options.waitCapReserves() && (cappedWaiting > 0 || c.capped)) return true;
        if (!c.freed) {
            Policy p = options.policy();
            if (p.order() == QueueOrder.FIFO && p.backfill() == Backfill.NONE && headBlocked) return false;
            return c.minArrivedMilli <= live.freeGpuMilli();
        }
        Policy p = options.policy();
        if (p.order() == QueueOrder.FIFO && p.backfill() == Backfill.NONE) {
            long oldest = queue.getFirst().trace.submitMs(), headMilli = Long.MAX_VALUE;
            for (int i = 0; i < queue.size() && queue.get(i).trace.submitMs() == oldest; i++) {
                headMilli = Math.min(headMilli, queue.get(i).trace.gpuMilli()); // ties: the core breaks them by id
            }
            return headMilli <= live.freeGpuMilli(); // the oldest job blocks all others
        }
        long min = Long.MAX_VALUE;
        for (SimJob j : queue) min = Math.min(min, j.trace.gpuMilli());
        return min <= live.freeGpuMilli();
    }

    /** One scheduling pass (counted once, however many calls it takes). */
    private void pass(long now) {
        passes++;
        if (predictor != null && options.refreshPredictions() && finished.size() != refreshedAt) refreshPredictions(now);
        Scheduler s = cappedWaiting > 0 && options.waitCapReserves() ? guard : scheduler;
        if (s == guard || options.placement() == SchedulerConfig.PlacementStrategy.FRAG || wholeQueue) {
            fullPass(s, now);
        } else if (strict()) {
            strictPass(now);
        } else {
            greedyPass(now);
        }
        headBlocked = !queue.isEmpty();
    }

    /** The whole queue in one call: FRAG derives its workload from the queue, and reservations depend on it. */
    private void fullPass(Scheduler s, long now) {
        List<PendingJob> pending = new ArrayList<>(queue.size());
        for (SimJob j : queue) pending.add(j.pending);
        Instant at = Instant.ofEpochMilli(now);
        Plan plan = s == guard ? s.schedule(agedSnapshot(now), pending, at) : s.schedule(live, pending, at);
        for (Placement pl : plan.placements()) start(active.get(pl.jobId()), pl, now);
        queue.removeIf(j -> j.phase != SimJob.Phase.QUEUED);
    }

    /**
     * Strict order: the core places the queue's head in order and stops at the first job that does
     * not fit, so only a prefix of the queue can matter. The queue is kept in the core's order; the
     * core gets it in chunks of doubling size, each on the state the earlier chunks left, until a
     * chunk leaves a job unplaced. The placements are the ones one call with the whole queue makes:
     * each job is placed on the same state, in the same order (the core keeps nothing between calls
     * that depends on allocations or the queue).
     */
    private void strictPass(long now) {
        int from = 0;
        int chunk = 16;
        while (from < queue.size()) {
            int to = Math.min(queue.size(), from + chunk);
            List<PendingJob> pending = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) pending.add(queue.get(i).pending);
            Plan plan = scheduler.schedule(live, pending, Instant.ofEpochMilli(now));
            for (Placement pl : plan.placements()) start(active.get(pl.jobId()), pl, now);
            if (plan.placements().size() < to - from) break;
            from = to;
            chunk *= 2;
        }
        queue.removeIf(j -> j.phase != SimJob.Phase.QUEUED); // the started jobs are a prefix
    }

    /**
     * Greedy backfill: a job asking for more GPU share than the whole cluster has free cannot be
     * placed in this pass (free share only shrinks during a pass, and the core skips such jobs
     * itself), and a job left unplaced changes nothing for the others, so the core gets only the
     * jobs that might fit. Same placements as a call with the whole queue.
     */
    private void greedyPass(long now) {
        long free = live.freeGpuMilli();
        List<PendingJob> pending = new ArrayList<>();
        for (SimJob j : queue) if (j.request.totalGpuMilli() <= free || j.request.gpus() == 0) pending.add(j.pending);
        if (pending.isEmpty()) return;
        Plan plan = scheduler.schedule(live, pending, Instant.ofEpochMilli(now));
        for (Placement pl : plan.placements()) start(active.get(pl.jobId()), pl, now);
        if (!plan.placements().isEmpty()) queue.removeIf(j -> j.phase != SimJob.Phase.QUEUED);
    }

    /** How many runs had ended when the waiting jobs' predictions were last refreshed. */
    private int refreshedAt;

    /**
     * learned with {@link SimOptions#refreshPredictions()}: runs ended since the last refresh, so each
     * waiting job is predicted again from the history known now (its features and submit context
     * stay those of its submission). A wait-capped job keeps its place at the head.
     */
    private void refreshPredictions(long now) {
        refreshedAt = finished.size();
        for (SimJob j : queue) {
            Prediction p = j.capped ? null : predictor.refresh(j.id());
            if (p == null) continue;
            long ms = Math.max(0, p.estimate().toMillis());
            if (ms != j.predictedMs) {
                j.predictedMs = ms;
                j.pending = mapper.pending(j, now);
            }
        }
    }

    /** Strict policies keep the queue in the core's order (see {@link #strictPass}). */
    private boolean strict() {
        return options.policy().backfill() == Backfill.NONE && !options.policy().preemptive();
    }

    private Plan schedule(Scheduler s, List<PendingJob> pending, long now) {
        passes++;
        return s.schedule(live, pending, Instant.ofEpochMilli(now));
    }

    /** The allocations of jobs still saving a checkpoint (preemptive policies). */
    private List<Allocation> releasingAllocations() {
        if (checkpointing == 0) return List.of();
        List<Allocation> allocations = new ArrayList<>();
        for (SimJob j : holding) if (j.phase == SimJob.Phase.CHECKPOINTING) allocations.addAll(j.allocations);
        return allocations;
    }

    /**
     * learned with reservations: running jobs past their predicted end are expected to run as long
     * again as they have so far (heavy-tailed run times: the longer a job has run, the longer it
     * still runs), so a reservation is not placed on nodes whose jobs merely overran a guess.
     */
    private ClusterSnapshot agedSnapshot(long now) {
        List<Allocation> allocations = new ArrayList<>();
        for (SimJob j : active.values()) {
            if (j.phase != SimJob.Phase.RUNNING && j.phase != SimJob.Phase.CHECKPOINTING) continue;
            for (Allocation a : j.allocations) {
                long elapsed = now - a.startedAt().toEpochMilli();
                if (a.estimate() != null && elapsed >= a.estimate().toMillis()) {
                    a = new Allocation(a.jobId(), a.nodeId(), a.gpuIndices(), a.milliPerGpu(), a.cpuMilli(), a.memoryMib(),
                            a.priority(), a.preemptible(), a.startedAt(), Duration.ofMillis(2 * elapsed + 1), a.releasing());
                }
                allocations.add(a);
            }
        }
        return new ClusterSnapshot(cluster.nodes(), allocations);
    }

    private void start(SimJob job, Placement placement, long now) {
        if (job == null || job.phase != SimJob.Phase.QUEUED) {
            throw new IllegalStateException("the plan places job " + placement.jobId() + ", which is not waiting");
        }
        job.allocations = mapper.allocations(job, placement, now);
        live.addAll(job.allocations);
        holding.add(job);
        job.phase = SimJob.Phase.RUNNING;
        job.segmentStartMs = now;
        if (job.firstStartMs < 0) job.firstStartMs = now;
        if (job.capped) cappedWaiting--;
        job.epoch++;
        events.add(now + job.remainingMs, Event.Kind.FINISH, job);
        if (options.policy().preemptive() && options.checkpointMs() > 0) {
            events.add(now + minRunMs(), Event.Kind.PREEMPTIBLE, job); // the re-plan then may evict it
        }
        if (options.policy() == Policy.LAS && job.trace.gpus() > 0) {
            double left = options.lasThresholdGpuS() * 1000 - job.attainedGpuMs;
            if (left > 0) events.add(now + (long) Math.ceil(left / job.trace.gpus()), Event.Kind.DEMOTE, job);
        }
        if (ranker != null) nextQuantum(job, now);
    }

    /** learned-preemptive: a re-plan when the running job's quantum ends, as its rank then changes. */
    private void nextQuantum(SimJob job, long now) {
        long end = job.phase == SimJob.Phase.RUNNING ? ranker.quantumEndMs(job, now) : -1;
        if (end > now) events.add(end, Event.Kind.DEMOTE, job);
    }

    /** Preemptive policies (srtf-oracle, las, learned-preemptive): the core picks the run set from all active jobs; the rest are evicted. */
    private void replanPreemptive(long now) {
        if (queue.isEmpty()) return;
        if (everyActiveJobFits()) { // the first call would choose every active job: no one is evicted
            passes++;
            List<PendingJob> toStart = new ArrayList<>(queue.size());
            for (SimJob j : queue) {
                j.pending = mapper.refreshed(j, now);
                toStart.add(j.pending);
            }
            Plan plan = schedule(scheduler, toStart, now);
            for (Placement pl : plan.placements()) start(active.get(pl.jobId()), pl, now);
            queue.removeIf(j -> j.phase != SimJob.Phase.QUEUED);
            startedUnranked |= !plan.placements().isEmpty();
            return;
        }
        long mark = ++listMark;
        // the active jobs in the last re-plan's queue order, then those new since: the core's sort then
        // finds them nearly in order (the order they are handed in does not change what it chooses)
        List<SimJob> jobs = new ArrayList<>(holding.size() + queue.size());
        List<PendingJob> all = new ArrayList<>(holding.size() + queue.size());
        for (SimJob j : ranked) if (j.phase == SimJob.Phase.RUNNING || j.phase == SimJob.Phase.QUEUED) list(j, mark, jobs, all, now);
        if (startedUnranked) {
            for (SimJob j : holding) if (j.phase == SimJob.Phase.RUNNING && j.listed != mark) list(j, mark, jobs, all, now);
            startedUnranked = false;
        }
        for (SimJob j : queue) if (j.listed != mark) list(j, mark, jobs, all, now);
        passes++;
        boolean[] chosen = ideal.chosen(releasingAllocations(), all, Instant.ofEpochMilli(now));
        ranked = ideal.inQueueOrder(jobs);
        List<PendingJob> toStart = new ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            SimJob j = jobs.get(i);
            if (chosen[i]) {
                if (j.phase == SimJob.Phase.QUEUED) toStart.add(j.pending);
            } else if (j.phase == SimJob.Phase.RUNNING && now - j.segmentStartMs >= minRunMs()) {
                preempt(j, now);
            }
        }
        if (toStart.isEmpty()) return;
        Plan plan = schedule(scheduler, toStart, now);
        for (Placement pl : plan.placements()) start(active.get(pl.jobId()), pl, now);
        queue.removeIf(j -> j.phase != SimJob.Phase.QUEUED);
    }

    /** Adds a job to a preemptive re-plan's lists, with its rank for the core brought up to date. */
    private void list(SimJob j, long mark, List<SimJob> jobs, List<PendingJob> all, long now) {
        j.listed = mark;
        // a waiting job's rank changes only under learned-preemptive (its history grows); SRTF's
        // remaining time and LAS's attained service stand still while it waits
        if (j.phase == SimJob.Phase.RUNNING || ranker != null) j.pending = mapper.refreshed(j, now);
        jobs.add(j);
        all.add(j.pending);
    }

    /**
     * On the pooled node with whole-GPU requests only, a job fits wherever the GPUs placed before it
     * leave at least its count free, so when all active jobs together ask for no more GPUs than the
     * node has, the re-plan's first call (all running and queued jobs on the node minus the jobs
     * saving a checkpoint, which are active too) places every one of them, in any order: it can be
     * left out, and every queued job fits in the GPUs free now. Never for the reference path
     * ({@link #runWholeQueue}), which {@code SimulatorPreemptiveShortcutsTest} compares against.
     */
    private boolean everyActiveJobFits() {
        return !wholeQueue && pool != null && activeNotCounted == 0 && activeGpus <= pool.gpus();
    }

    /**
     * How long a (re)started job runs before it may be preempted: twice the checkpoint cost, so saving
     * and restoring take at most half of any job's GPU time and every run between two preemptions
     * gains at least one checkpoint's worth of progress. Without it a replay could evict and restart
     * the same jobs without end. Zero when checkpoints cost nothing.
     */
    private long minRunMs() {
        return 2 * options.checkpointMs();
    }

    private void preempt(SimJob job, long now) {
        long ran = now - job.segmentStartMs;
        job.attainedGpuMs += (double) job.trace.gpus() * ran;
        job.remainingMs -= ran;
        job.preemptions++;
        preemptions++;
        job.epoch++;
        if (options.checkpointMs() == 0) {
            release(job);
            enqueue(job, now);
        } else { // it keeps its GPUs while it saves, as allocations the core may not pick as victims again
            job.phase = SimJob.Phase.CHECKPOINTING;
            checkpointing++;
            live.removeAll(job.allocations);
            job.allocations = JobMapper.releasing(job.allocations);
            live.addAll(job.allocations);
            events.add(now + options.checkpointMs(), Event.Kind.RELEASE, job);
        }
    }

    private SimResult result(List<SimJob> jobs, List<String> unrunnable, long wallMs) {
        List<JobOutcome> outcomes = new ArrayList<>(finished.size());
        List<String> unfinished = new ArrayList<>();
        for (SimJob j : jobs) {
            if (j.phase == SimJob.Phase.DONE) {
                TraceJob t = j.trace;
                outcomes.add(new JobOutcome(t.id(), t.group(), t.owner(), t.gpus(), t.milliPerGpu(), t.submitMs(),
                        t.durationMs(), j.firstStartMs, j.finishMs, j.preemptions, j.predictedMs, j.capped));
            } else {
                unfinished.add(j.id() + " (line " + j.trace.line() + "): never placed");
            }
        }
        return new SimResult(options.policy().cliName(), options.placement().name().toLowerCase(),
                cluster.nodes().size(), cluster.totalGpus(), outcomes, unrunnable, unfinished, timeline,
                preemptions, capTriggers, passes, wallMs);
    }
}

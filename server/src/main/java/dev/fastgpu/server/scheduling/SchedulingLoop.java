package dev.fastgpu.server.scheduling;

import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Plan;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.scheduler.order.QueueOrders;
import dev.fastgpu.server.service.NodeShapes;
import dev.fastgpu.server.service.SchedulingTrigger;
import dev.fastgpu.server.service.Wakeups;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.QueueTail;
import dev.fastgpu.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Level-triggered scheduling: each pass reads the whole state, asks the core for a plan and
 * commits it. A pass runs as soon as someone calls {@link #wake()} (submission, exit, node change)
 * and at least every {@code period}; wakes that arrive during a pass fold into one next pass.
 * When a full pass would only repeat what the last one said about the old jobs (no node at all),
 * the pass plans the new submissions alone ({@link #newJobsOnly}). Why each job waits and its
 * place in the queue are kept in memory ({@link QueueState}), not written to the store.
 */
public final class SchedulingLoop implements SchedulingTrigger {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingLoop.class);
    private static final long MIN_REST_NANOS = 1_000_000;
    private static final int REST_PER_PASS = 3;
    private static final long MAX_REST_NANOS = 2_000_000_000L;
    /**
     * After a pass over new jobs only (no node: nothing can start) the loop waits this long, so a
     * stream of submissions costs a few hundred cheap passes a second, not one per submission.
     */
    private static final Duration NEW_JOBS_ONLY_REST = Duration.ofMillis(5);
    private final Store store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Duration period;
    private final PlanApplier applier;
    private final Semaphore signal = new Semaphore(0);
    /** Released by {@link #capacityChanged()}: ends a rest at once. */
    private final Semaphore capacity = new Semaphore(0);
    private final Timer passTimer;
    private final Counter placedCounter;
    private final Object passLock = new Object();
    private volatile Thread thread;
    private volatile boolean running;
    private boolean warnedUnsupported;
    private final QueueState queue;
    /** The highest job seq the last pass read; jobs above it are new since. */
    private long seenSeq;
    /** The last pass saw no node and no allocation (see {@link #newJobsOnly}). */
    private boolean noNodesLastPass;
    private volatile boolean lastPassNewJobsOnly;
    private final NodeShapes nodeShapes;
    /** The node shapes' generation when the last full pass read the nodes. */
    private long shapesSeen = -1;
    private long nodesCheckedAt;
    private static final long NODES_RECHECK_NANOS = 100_000_000;

    public SchedulingLoop(Store store, Scheduler scheduler, Clock clock, Duration period, Wakeups nodeWakeups, NodeShapes nodeShapes,
                          MeterRegistry metrics) {
        this.nodeShapes = nodeShapes;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.period = period;
        this.applier = new PlanApplier(store, nodeWakeups);
        this.queue = new QueueState(scheduler.config().order());
        this.passTimer = Timer.builder("fastgpu.scheduling.pass").description("one scheduling pass").register(metrics);
        this.placedCounter = Counter.builder("fastgpu.jobs.placed").description("placements committed").register(metrics);
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("fastgpu-scheduler").daemon().start(this::loop);
    }

    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void wake() {
        if (signal.availablePermits() == 0) signal.release();
    }

    @Override
    public void capacityChanged() {
        if (capacity.availablePermits() == 0) capacity.release();
        wake();
    }

    private void loop() {
        while (running) {
            try {
                signal.tryAcquire(period.toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                capacity.drainPermits(); // what frees capacity from here on is seen by this pass or ends its rest
                long started = System.nanoTime();
                Outcome outcome = pass();
                if (lastPassNewJobsOnly) Thread.sleep(NEW_JOBS_ONLY_REST);
                else if (outcome.placed() == 0 && outcome.queued() > 0) rest(System.nanoTime() - started);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("scheduling pass failed; retrying at the next wake-up", e);
            }
        }
    }

    /**
     * After a pass that took {@code d}, found jobs waiting and placed none, the loop rests {@code 3d}
     * before the next one: submissions that arrive meanwhile fold into that next pass. A stream of
     * submissions over a long queue on a full cluster then costs at most a quarter of a core of
     * scheduling, while short passes (a small queue) add next to no delay. Freed capacity (a job's
     * end, a node that joins) ends the rest at once: that is what the waiting jobs wait for. A pass
     * that placed jobs, or found none waiting, is followed at once by the next wake-up.
     */
    private void rest(long passNanos) throws InterruptedException {
        if (passNanos <= MIN_REST_NANOS) return;
        capacity.tryAcquire(Math.min(REST_PER_PASS * passNanos, MAX_REST_NANOS), TimeUnit.NANOSECONDS);
    }

    /** What one pass did: jobs placed, and jobs that were waiting when it began. */
    private record Outcome(int placed, int queued) {
    }

    /** One pass: snapshot, plan, re-check and commit. Public so tests and tools can step it by hand. */
    public void runOnce() {
        pass();
    }

    /** The queue as the last pass saw it, with why each job waits: for the API's job views. */
    public QueueState queue() {
        return queue;
    }

    /** One pass. */
    private Outcome pass() {
        synchronized (passLock) {
            Timer.Sample sample = Timer.start();
            try {
                lastPassNewJobsOnly = false;
                lastPassNewJobsOnly = newJobsOnly();
                return lastPassNewJobsOnly ? new Outcome(0, queue.size()) : fullPass();
            } catch (UnsupportedOperationException e) {
                if (!warnedUnsupported) LOG.warn("the scheduler core cannot plan yet: {}", e.getMessage());
                warnedUnsupported = true;
                return new Outcome(0, queue.size());
            } finally {
                sample.stop(passTimer);
            }
        }
    }

    /**
     * The pass over new submissions only, when that gives the same answer as a full pass: the
     * cluster has no node (so nothing can be placed or preempted and each job's reason depends on
     * its own request alone), the last pass saw no node either and none joined since (a join bumps
     * the {@link NodeShapes} generation; the store is asked again every 100 ms), and the queue changed only by the
     * jobs submitted since (the queued count is the last pass's plus theirs). A long queue that
     * nothing can run then costs nothing per pass. Returns false when a full pass is needed.
     */
    private boolean newJobsOnly() {
        if (!noNodesLastPass || nodeShapes.generation() != shapesSeen) return false;
        long now = System.nanoTime();
        if (now - nodesCheckedAt > NODES_RECHECK_NANOS) { // belt and braces: a join also bumps the shapes' generation
            if (!store.nodes().isEmpty() || !store.liveAllocations().isEmpty()) return false;
            nodesCheckedAt = now;
        }
        QueueTail tail = store.queueTail(seenSeq);
        if (tail.queued() != queue.size() + tail.jobs().size()) return false;
        if (tail.jobs().isEmpty()) return true;
        List<PendingJob> fresh = new ArrayList<>(tail.jobs().size());
        for (JobRecord j : tail.jobs()) fresh.add(Snapshots.pendingJob(j));
        fresh = QueueOrders.sorted(fresh, scheduler.config().order());
        Plan plan = scheduler.schedule(new ClusterSnapshot(List.of(), List.of()), fresh, clock.instant());
        if (!plan.placements().isEmpty() || !plan.preemptions().isEmpty()) return false; // not expected with no node
        queue.add(fresh, plan.unplaced());
        seenSeq = tail.jobs().getLast().seq();
        return true;
    }

    /** The queue without the jobs this pass placed (one whose placement failed its re-check still finds its place by search). */
    private static List<PendingJob> stillQueued(List<PendingJob> sorted, Plan plan) {
        if (plan.placements().isEmpty()) return sorted;
        Set<String> placed = new HashSet<>();
        plan.placements().forEach(p -> placed.add(p.jobId()));
        List<PendingJob> left = new ArrayList<>(sorted.size());
        for (PendingJob j : sorted) if (!placed.contains(j.id())) left.add(j);
        return left;
    }

    private Outcome fullPass() {
        long shapes = nodeShapes.generation(); // before the read: a join during it forces another full pass
        Snapshots.State state = Snapshots.read(store);
        long maxSeq = seenSeq;
        for (JobRecord j : state.jobs().values()) maxSeq = Math.max(maxSeq, j.seq());
        boolean noNodes = state.cluster().nodes().isEmpty() && state.cluster().allocations().isEmpty();
        List<PendingJob> sorted = QueueOrders.sorted(state.pending(), scheduler.config().order());
        noNodesLastPass = false; // until this pass is through
        if (sorted.isEmpty()) {
            queue.replace(sorted, List.of());
            passSeen(maxSeq, noNodes, shapes);
            return new Outcome(0, 0);
        }
        Plan plan = scheduler.schedule(state.cluster(), sorted, clock.instant());
        PlanApplier.Applied applied = applier.apply(state, plan, clock.instant());
        queue.replace(stillQueued(sorted, plan), plan.unplaced());
        passSeen(maxSeq, noNodes, shapes);
        placedCounter.increment(applied.placed());
        if (applied.placed() + applied.preempted() > 0) {
            LOG.debug("pass: {} placed, {} preempted, {} rejected on re-check", applied.placed(), applied.preempted(), applied.rejected());
        }
        if (applied.rejected() > 0) wake();
        return new Outcome(applied.placed(), sorted.size() - applied.placed());
    }

    /** What a full pass saw, for {@link #newJobsOnly()} to compare the next pass with. */
    private void passSeen(long maxSeq, boolean noNodes, long shapes) {
        seenSeq = maxSeq;
        noNodesLastPass = noNodes;
        shapesSeen = shapes;
        nodesCheckedAt = System.nanoTime();
    }
}

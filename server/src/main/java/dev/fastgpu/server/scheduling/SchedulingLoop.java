package dev.fastgpu.server.scheduling;

import dev.fastgpu.scheduler.Plan;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.server.service.SchedulingTrigger;
import dev.fastgpu.server.service.Wakeups;
import dev.fastgpu.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Level-triggered scheduling: each pass reads the whole state, asks the core for a plan and
 * commits it. A pass runs as soon as someone calls {@link #wake()} (submission, exit, node change)
 * and at least every {@code period}; wakes that arrive during a pass fold into one next pass.
 */
public final class SchedulingLoop implements SchedulingTrigger {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingLoop.class);
    private static final long MIN_REST_NANOS = 1_000_000;
    private static final int REST_PER_PASS = 3;
    private static final long MAX_REST_NANOS = 2_000_000_000L;
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

    public SchedulingLoop(Store store, Scheduler scheduler, Clock clock, Duration period, Wakeups nodeWakeups, MeterRegistry metrics) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.period = period;
        this.applier = new PlanApplier(store, nodeWakeups);
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
                if (outcome.placed() == 0 && outcome.queued() > 0) rest(System.nanoTime() - started);
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

    /** One pass. */
    private Outcome pass() {
        synchronized (passLock) {
            Timer.Sample sample = Timer.start();
            Snapshots.State state = Snapshots.read(store);
            if (state.pending().isEmpty()) {
                sample.stop(passTimer);
                return new Outcome(0, 0);
            }
            Plan plan;
            try {
                plan = scheduler.schedule(state.cluster(), state.pending(), clock.instant());
            } catch (UnsupportedOperationException e) {
                if (!warnedUnsupported) LOG.warn("the scheduler core cannot plan yet: {}", e.getMessage());
                warnedUnsupported = true;
                return new Outcome(0, state.pending().size());
            }
            PlanApplier.Applied applied = applier.apply(state, plan, clock.instant());
            placedCounter.increment(applied.placed());
            sample.stop(passTimer);
            if (applied.placed() + applied.preempted() > 0) {
                LOG.debug("pass: {} placed, {} preempted, {} rejected on re-check", applied.placed(), applied.preempted(), applied.rejected());
            }
            if (applied.rejected() > 0) wake();
            return new Outcome(applied.placed(), state.pending().size());
        }
    }
}

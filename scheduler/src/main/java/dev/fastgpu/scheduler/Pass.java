package dev.fastgpu.scheduler;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.backfill.Reservation;
import dev.fastgpu.scheduler.backfill.ReservationPlanner;
import dev.fastgpu.scheduler.explain.Explainer;
import dev.fastgpu.scheduler.order.QueueOrders;
import dev.fastgpu.scheduler.pass.ClusterState;
import dev.fastgpu.scheduler.place.Choice;
import dev.fastgpu.scheduler.place.GangPlacer;
import dev.fastgpu.scheduler.place.NodeGuard;
import dev.fastgpu.scheduler.place.PlacementPipeline;
import dev.fastgpu.scheduler.preempt.Preemptor;
import dev.fastgpu.scheduler.score.WorkloadShapes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One scheduling pass: walks the ordered queue once, placing what fits, and records for every job
 * left waiting why. Single use.
 */
final class Pass {
    /** The reason of every job left waiting when reasons are off (see {@link Scheduler#Scheduler(SchedulerConfig, boolean)}). */
    static final List<Reason> NOT_EXPLAINED = List.of(new Reason("not_explained", "this scheduler was asked for placements only"));
    private final SchedulerConfig config;
    private final ClusterState state;
    private final List<PendingJob> queue;
    private final Instant now;
    private final PlacementPipeline pipeline;
    private final GangPlacer gangs;
    private final Preemptor preemptor;

    private final List<Placement> placements = new ArrayList<>();
    private final List<Preemption> preemptions = new ArrayList<>();
    private final List<Waiting> waiting;
    /** Per distinct request of this pass: looked up once per job instead of hashing the request again and again. */
    private final java.util.Map<ResourceRequest, Shape> shapes = new java.util.HashMap<>();
    /** The same, by identity: callers usually pass one request object per job, so most lookups hash nothing. */
    private final java.util.IdentityHashMap<ResourceRequest, Shape> shapesSeen = new java.util.IdentityHashMap<>();
    private PendingJob headOfLine;
    private List<Reason> blockedByHead;
    private Reservation reservation;

    /**
     * What the pass knows about one distinct request. {@code noRoom}: it found no room; capacity
     * only shrinks during a pass, so it will not find any later either.
     */
    private static final class Shape {
        final int[] models;
        final boolean gang;
        boolean noRoom;
        List<Reason> explained; // why it fits nowhere at the end of the pass, computed on first need

        Shape(int[] models, boolean gang) {
            this.models = models;
            this.gang = gang;
        }
    }

    /** A job left waiting: its own reasons, plus, when {@code explain} is set, why that shape fits nowhere (at the end). */
    private record Waiting(PendingJob job, List<Reason> reasons, Shape explain) {}

    Pass(SchedulerConfig config, ClusterState state, List<PendingJob> pending, Instant now) {
        this.config = config;
        this.now = now;
        this.state = state;
        this.queue = QueueOrders.sorted(validated(pending), config.order());
        this.waiting = new ArrayList<>(queue.size());
        int largestNode = 0;
        for (int m = 0; m < state.modelCount(); m++) largestNode = Math.max(largestNode, state.maxPerNode(m));
        boolean deriveWorkload = config.placement() == SchedulerConfig.PlacementStrategy.FRAG && config.workload().isEmpty();
        List<TaskShape> workload = deriveWorkload ? WorkloadShapes.fromQueue(queue, largestNode) : config.workload();
        this.pipeline = PlacementPipeline.of(config, state, workload);
        this.gangs = new GangPlacer(state, pipeline);
        this.preemptor = config.preemption() ? new Preemptor(state, now, config.maxCandidates()) : null;
    }

    private static List<PendingJob> validated(List<PendingJob> pending) {
        Set<String> ids = HashSet.newHashSet(pending.size());
        for (PendingJob j : pending) {
            if (j == null || j.id() == null || j.request() == null || j.submittedAt() == null) {
                throw new IllegalArgumentException("every pending job needs an id, a request and a submit time: " + j);
            }
            if (!ids.add(j.id())) throw new IllegalArgumentException("job " + j.id() + " is pending twice; job ids must be unique");
        }
        return pending;
    }

    /** Walks the queue; {@code explain}: say why each job left waiting fits nowhere (else {@link #NOT_EXPLAINED}). */
    Plan run(boolean explain) {
        for (PendingJob job : queue) consider(job);
        Explainer explainer = explain ? new Explainer(state) : null;
        List<Unplaced> unplaced = new ArrayList<>(waiting.size());
        for (Waiting w : waiting) {
            List<Reason> reasons = w.reasons();
            Shape shape = w.explain();
            if (shape != null && explainer == null) {
                if (reasons.isEmpty()) reasons = NOT_EXPLAINED;
            } else if (shape != null) {
                if (shape.explained == null) shape.explained = explainer.explain(w.job().request());
                if (reasons.isEmpty()) {
                    reasons = shape.explained; // immutable, shared by every job of this shape
                } else {
                    reasons = new ArrayList<>(shape.explained);
                    reasons.addAll(w.reasons());
                }
            }
            unplaced.add(new Unplaced(w.job().id(), reasons));
        }
        return new Plan(placements, preemptions, unplaced);
    }

    private void consider(PendingJob job) {
        if (headOfLine != null) {
            if (blockedByHead == null) {
                blockedByHead = List.of(new Reason("blocked_by_head", "waits behind job " + headOfLine.id()
                        + ", first in the queue, which does not fit yet (strict order, no backfill)"));
            }
            waiting.add(new Waiting(job, blockedByHead, null));
            return;
        }
        ResourceRequest request = job.request();
        Shape shape = shapeOf(request);
        if (!shape.noRoom && request.gpus() > 0 && state.freeGpuMilli() < request.totalGpuMilli()) {
            shape.noRoom = true; // not enough free GPU share left on all ready nodes together
        }
        boolean gang = shape.gang;
        NodeGuard guard = reservation == null ? NodeGuard.ALLOW_ALL : reservation.guardFor(job, now);
        boolean guardRejected = false;
        if (!shape.noRoom) {
            List<Choice> choices;
            if (gang) {
                choices = gangs.place(request, guard);
                guardRejected = choices == null && guard != NodeGuard.ALLOW_ALL && gangs.wouldFit(request);
            } else {
                PlacementPipeline.Outcome outcome = pipeline.best(request, shape.models, guard);
                Choice c = outcome.choice();
                if (c != null) state.take(c.node(), c.gpus(), c.milliPerGpu(), c.cpuMilli(), c.memoryMib());
                choices = c == null ? null : List.of(c);
                guardRejected = outcome.guardRejected();
            }
            if (choices != null) {
                placements.add(toPlacement(job, choices));
                if (reservation != null) reservation.record(job, choices, now);
                if (config.backfill() == SchedulerConfig.Backfill.RESERVING) state.recordPlaced(job, choices, now);
                return;
            }
            if (!guardRejected) shape.noRoom = true;
        }
        notPlaced(job, shape, guardRejected);
    }

    private Shape shapeOf(ResourceRequest request) {
        Shape shape = shapesSeen.get(request);
        if (shape == null) {
            shape = shapes.computeIfAbsent(request, r ->
                    new Shape(state.eligibleModels(r), r.gpus() > 1 && r.gpus() > state.maxGpusOnOneNode(r)));
            shapesSeen.put(request, shape);
        }
        return shape;
    }

    private void notPlaced(PendingJob job, Shape shape, boolean delaysHead) {
        boolean gang = shape.gang;
        if (preemptor != null && !gang) {
            Preemptor.Result result = preemptor.tryFor(job);
            if (result != null) {
                preemptions.addAll(result.preemptions());
                waiting.add(new Waiting(job, List.of(result.reason()), null));
                if (config.backfill() == SchedulerConfig.Backfill.NONE) headOfLine = job;
                return;
            }
        }
        if (delaysHead) {
            waiting.add(new Waiting(job, List.of(reservation.delayReason()), null));
            return;
        }
        List<Reason> extra = new ArrayList<>();
        switch (config.backfill()) {
            case NONE -> headOfLine = job;
            case GREEDY -> { }
            case RESERVING -> {
                if (reservation == null) {
                    reservation = ReservationPlanner.reserve(state, job, gang, now);
                    if (reservation != null) extra.add(reservation.headReason());
                }
            }
        }
        waiting.add(new Waiting(job, extra.isEmpty() ? List.of() : extra, shape));
    }

    private Placement toPlacement(PendingJob job, List<Choice> choices) {
        List<Placement.NodeAssignment> parts = new ArrayList<>(choices.size());
        for (Choice c : choices) {
            List<Integer> gpus = new ArrayList<>(c.gpus().length);
            for (int g : c.gpus()) gpus.add(g);
            parts.add(new Placement.NodeAssignment(state.node(c.node()).id(), gpus, c.milliPerGpu(), c.cpuMilli(), c.memoryMib()));
        }
        return new Placement(job.id(), parts);
    }
}

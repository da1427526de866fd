package dev.fastgpu.server.scheduling;

import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.PlanView;
import dev.fastgpu.api.ReasonView;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Placement;
import dev.fastgpu.scheduler.Plan;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.scheduler.Unplaced;
import dev.fastgpu.server.service.Prices;
import dev.fastgpu.server.service.ShapeCheck;
import dev.fastgpu.server.service.SpecNormalizer;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry run behind {@code POST /api/v1/plan}: runs the same core on the live snapshot with the
 * spec added to the queue, and reports where it would go or why it would wait. Writes nothing.
 */
public final class PlanPreview {
    private static final String CANDIDATE = "(this job)";
    private final Store store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Prices prices;

    public PlanPreview(Store store, Scheduler scheduler, Clock clock, Prices prices) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.prices = prices;
    }

    public PlanView preview(String user, JobSpec raw) {
        SpecNormalizer.Normalized n = SpecNormalizer.normalize(raw, "default");
        Snapshots.State state = Snapshots.read(store);
        Instant now = clock.instant();
        PendingJob candidate = new PendingJob(CANDIDATE, n.request(), n.spec().priority(), n.spec().preemptible(), now,
                n.spec().estimatedSeconds() == null ? null : java.time.Duration.ofSeconds(n.spec().estimatedSeconds()), user);
        List<PendingJob> queue = new ArrayList<>(state.pending());
        queue.add(candidate);
        int ahead = (int) state.pending().stream().filter(p -> p.priority() >= candidate.priority()).count();
        List<NodeRecord> known = store.nodes();
        String never = ShapeCheck.whyNever(n.request(), known);
        double gpus = n.request().totalGpuMilli() / 1000.0;
        Prices.Range price = prices.range(n.request().gpuModels(), ShapeCheck.modelsItMayGet(n.request(), known));
        double perHour = gpus * price.low();
        Double perHourMax = price.highOrNull() == null ? null : gpus * price.high();
        if (never != null) {
            return new PlanView(false, List.of(), List.of(new ReasonView("never_fits", never)), ahead, false, perHour, perHourMax);
        }
        if (state.cluster().nodes().stream().noneMatch(x -> x.state() == NodeState.READY)) {
            return new PlanView(false, List.of(), List.of(new ReasonView("no_ready_nodes",
                    "no node is READY: " + (known.isEmpty() ? "no agent has joined yet" : "every node is draining or down"))),
                    ahead, true, perHour, perHourMax);
        }
        Plan plan = scheduler.schedule(state.cluster(), queue, now);
        for (Placement p : plan.placements()) {
            if (!p.jobId().equals(CANDIDATE)) continue;
            List<PlanView.PlannedNode> nodes = p.assignments().stream().map(na -> new PlanView.PlannedNode(na.nodeId(),
                    na.gpuIndices(), modelOf(state, na), na.milliPerGpu())).toList();
            if (!nodes.isEmpty() && nodes.getFirst().gpuModel() != null) {
                perHour = gpus * prices.perGpuHour(nodes.getFirst().gpuModel());
            }
            return new PlanView(true, nodes, List.of(), ahead, true, perHour, null);
        }
        List<ReasonView> reasons = new ArrayList<>();
        for (Unplaced u : plan.unplaced()) {
            if (u.jobId().equals(CANDIDATE)) u.reasons().forEach(r -> reasons.add(new ReasonView(r.code(), r.message())));
        }
        if (reasons.isEmpty()) reasons.add(new ReasonView("waiting", "the scheduler would not place it in this pass"));
        return new PlanView(false, List.of(), reasons, ahead, true, perHour, perHourMax);
    }

    private static String modelOf(Snapshots.State state, Placement.NodeAssignment na) {
        NodeRecord node = state.nodes().get(na.nodeId());
        return na.gpuIndices().isEmpty() || node == null ? null : node.gpus().get(na.gpuIndices().getFirst()).model();
    }
}

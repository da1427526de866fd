package dev.fastgpu.scheduler.backfill;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Fit;
import dev.fastgpu.scheduler.GpuPicker;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Reason;
import dev.fastgpu.scheduler.pass.ClusterState;
import dev.fastgpu.scheduler.place.Choice;
import dev.fastgpu.scheduler.place.NodeGuard;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * EASY backfill's promise to the first job that did not fit: node(s) and a start time at which it
 * will fit, going by the running jobs' estimates. A later job may use a reserved node only if it
 * ends before that time (by its own estimate) or leaves enough for the reserved job there.
 * When the time is unknown (running jobs without estimates), only the second rule applies, which
 * keeps backfill off the reserved nodes.
 */
public final class Reservation {
    /** One reserved node: what the head needs there and what will be free there at the start time. */
    record Part(int node, ResourceRequest need, NodeUsage freeAtStart) {}

    private final ClusterState state;
    private final PendingJob head;
    private final Instant start; // null: unknown
    private final List<Part> parts;

    Reservation(ClusterState state, PendingJob head, Instant start, List<Part> parts) {
        this.state = state;
        this.head = head;
        this.start = start;
        this.parts = List.copyOf(parts);
    }

    public PendingJob head() {
        return head;
    }

    /** The reserved start time, or null when unknown. */
    public Instant start() {
        return start;
    }

    /** Reserved node ids, in node order. */
    public List<String> nodeIds() {
        return parts.stream().map(p -> state.node(p.node()).id()).toList();
    }

    private Part partOn(int node) {
        for (Part p : parts) if (p.node() == node) return p;
        return null;
    }

    private boolean endsBeforeStart(PendingJob job, Instant now) {
        return start != null && job.estimate() != null && !now.plus(job.estimate()).isAfter(start);
    }

    /** The guard for one later job. */
    public NodeGuard guardFor(PendingJob job, Instant now) {
        if (endsBeforeStart(job, now)) return NodeGuard.ALLOW_ALL;
        return (node, gpus, milli, cpu, mem) -> {
            Part p = partOn(node);
            if (p == null) return true;
            NodeUsage after = p.freeAtStart().copy();
            after.take(gpus, milli, cpu, mem);
            return Fit.pick(state.node(node), after, p.need(), GpuPicker.Preference.BEST_FIT) != null;
        };
    }

    /** A job was placed: if it may still run at the start time on a reserved node, it uses what is free then. */
    public void record(PendingJob job, List<Choice> choices, Instant now) {
        if (endsBeforeStart(job, now)) return;
        for (Choice c : choices) {
            Part p = partOn(c.node());
            if (p != null) p.freeAtStart().take(c.gpus(), c.milliPerGpu(), c.cpuMilli(), c.memoryMib());
        }
    }

    private String where() {
        List<String> ids = nodeIds();
        return (ids.size() == 1 ? "node " : "nodes ") + String.join(", ", ids);
    }

    /** What the head is told. */
    public Reason headReason() {
        if (start == null) {
            return new Reason("reserved", "holds a reservation on " + where()
                    + "; the jobs running there have no duration estimates, so no start time can be given");
        }
        return new Reason("reserved", "holds a reservation on " + where() + " from " + start
                + ", when the jobs running there should end by their estimates");
    }

    /** What a job is told that fits now but would push the head back. */
    public Reason delayReason() {
        String when = start == null ? "" : " from " + start;
        return new Reason("would_delay_reserved", "fits now, but only on " + where() + ", reserved" + when
                + " for job " + head.id() + " which is ahead in the queue; backfill there is only for jobs"
                + " that end before then by their estimate or leave it room");
    }

    @Override
    public String toString() {
        return "Reservation[" + head.id() + " on " + parts.stream().map(p -> state.node(p.node()).id())
                .collect(Collectors.joining(",")) + " at " + start + "]";
    }
}

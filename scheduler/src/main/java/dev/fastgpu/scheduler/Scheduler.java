package dev.fastgpu.scheduler;

import dev.fastgpu.scheduler.pass.ClusterLayout;
import dev.fastgpu.scheduler.pass.ClusterState;

import java.time.Instant;
import java.util.List;

/**
 * The scheduler core: pure, deterministic, single-threaded. The server, the dry-run {@code plan}
 * command and the simulator all call this one method. The same input always gives the same plan;
 * the only thing kept between calls is the derived layout of the last node list (see
 * {@link #layoutOf}), which depends on nothing else.
 */
public final class Scheduler {
    private final SchedulerConfig config;
    /** Whether a plan says why each job left waiting waits (see {@link #Scheduler(SchedulerConfig, boolean)}). */
    private final boolean explainWaiting;
    /**
     * The layout of the last node list seen. Immutable, so a pass that reads a stale one from
     * another thread still gets a consistent object; it is used only when it matches the node list.
     */
    private ClusterLayout layout;

    public Scheduler(SchedulerConfig config) {
        this(config, true);
    }

    /**
     * @param explainWaiting false: a job left waiting gets one generic reason ({@code not_explained})
     *                       instead of why it fits nowhere. The placements are the same; working out
     *                       the reasons was up to a sixth of a simulator replay, which never reads them.
     */
    public Scheduler(SchedulerConfig config, boolean explainWaiting) {
        if (config == null) throw new IllegalArgumentException("a scheduler needs a configuration; use SchedulerConfig.defaults()");
        this.config = config;
        this.explainWaiting = explainWaiting;
    }

    public SchedulerConfig config() {
        return config;
    }

    /** One scheduling pass. {@code now} is the caller's clock (wall clock in the server, virtual in the simulator). */
    public Plan schedule(ClusterSnapshot snapshot, List<PendingJob> pending, Instant now) {
        if (snapshot == null || pending == null || now == null) {
            throw new IllegalArgumentException("schedule needs a snapshot, a pending list (may be empty) and the current time");
        }
        return new Pass(config, ClusterState.of(layoutOf(snapshot.nodes()), snapshot), pending, now).run(explainWaiting);
    }

    /**
     * One scheduling pass over a cluster whose allocations the caller keeps current: the same plan
     * as {@code schedule(live.snapshot(), pending, now)}, without taking every allocation again.
     */
    public Plan schedule(LiveCluster live, List<PendingJob> pending, Instant now) {
        if (live == null || pending == null || now == null) {
            throw new IllegalArgumentException("schedule needs a cluster, a pending list (may be empty) and the current time");
        }
        return new Pass(config, live.passState(), pending, now).run(explainWaiting);
    }

    /**
     * The node-derived part of a pass (nodes in id order, model table, node classes) is the same
     * for every pass over the same nodes, so it is kept while the node list stays equal. It holds
     * nothing that depends on allocations or the queue: a pass gives the same plan with or
     * without it.
     */
    private ClusterLayout layoutOf(List<NodeSnapshot> nodes) {
        ClusterLayout known = layout;
        if (known != null && known.matches(nodes)) return known;
        ClusterLayout fresh = ClusterLayout.of(nodes);
        layout = fresh;
        return fresh;
    }
}

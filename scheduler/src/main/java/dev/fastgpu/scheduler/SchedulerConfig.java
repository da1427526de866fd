package dev.fastgpu.scheduler;

/**
 * How the core orders the queue and places jobs. One value object, chosen by configuration.
 *
 * @param order         queue ordering
 * @param backfill      what happens behind a job that does not fit
 * @param placement     node and GPU choice: pack, spread or fragmentation-aware
 * @param preemption    whether higher-priority jobs may evict lower-priority preemptible ones
 * @param maxCandidates how many feasible nodes are scored per job (0: all of them); bounds the
 *                      cost of a placement on large clusters, as kube-scheduler and Nomad do
 * @param workload      the expected task shapes for the fragmentation-aware strategy; empty: derive
 *                      them from the pending queue of each pass
 */
public record SchedulerConfig(QueueOrder order, Backfill backfill, PlacementStrategy placement,
                              boolean preemption, int maxCandidates, java.util.List<TaskShape> workload) {

    public SchedulerConfig {
        if (order == null || backfill == null || placement == null) {
            throw new IllegalArgumentException("order, backfill and placement must be set");
        }
        if (maxCandidates < 0) {
            throw new IllegalArgumentException("maxCandidates must be >= 0 (0 scores every feasible node), got " + maxCandidates);
        }
        workload = workload == null ? java.util.List.of() : java.util.List.copyOf(workload);
    }

    /** A configuration whose fragmentation-aware strategy learns the workload from the pending queue. */
    public SchedulerConfig(QueueOrder order, Backfill backfill, PlacementStrategy placement,
                           boolean preemption, int maxCandidates) {
        this(order, backfill, placement, preemption, maxCandidates, java.util.List.of());
    }

    public SchedulerConfig withOrder(QueueOrder value) {
        return new SchedulerConfig(value, backfill, placement, preemption, maxCandidates, workload);
    }

    public SchedulerConfig withBackfill(Backfill value) {
        return new SchedulerConfig(order, value, placement, preemption, maxCandidates, workload);
    }

    public SchedulerConfig withPlacement(PlacementStrategy value) {
        return new SchedulerConfig(order, backfill, value, preemption, maxCandidates, workload);
    }

    public SchedulerConfig withPreemption(boolean value) {
        return new SchedulerConfig(order, backfill, placement, value, maxCandidates, workload);
    }

    public SchedulerConfig withMaxCandidates(int value) {
        return new SchedulerConfig(order, backfill, placement, preemption, value, workload);
    }

    /** The expected workload for {@link PlacementStrategy#FRAG} (e.g. from a trace's history). */
    public SchedulerConfig withWorkload(java.util.List<TaskShape> value) {
        return new SchedulerConfig(order, backfill, placement, preemption, maxCandidates, value);
    }

    /** Queue ordering. */
    public enum QueueOrder {
        /** Submit time, then id. */
        FIFO,
        /** Priority (higher first), then submit time. */
        PRIORITY,
        /** Estimated duration (shortest first; jobs without an estimate last), then submit time. */
        SHORTEST_FIRST
    }

    /** What the pass does when the job at the head of the queue does not fit. */
    public enum Backfill {
        /** Stop: nothing behind the head may start (strict head-of-line blocking). */
        NONE,
        /** Any later job that fits starts (may delay the head). */
        GREEDY,
        /**
         * EASY backfill: the first blocked job gets a reservation (from running jobs' estimates);
         * later jobs start only if they do not delay it.
         */
        RESERVING
    }

    /** Placement strategy. */
    public enum PlacementStrategy {
        /** Maximise utilisation: fill the fullest node that fits, least fragmentation. */
        PACK,
        /** Minimise response time and balance load: use the emptiest node. */
        SPREAD,
        /** Fragmentation-aware: choose the node whose fragmentation grows least for the expected workload. */
        FRAG
    }

    /** The server's default: priority ordering, reserving backfill, packing, preemption on. */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(QueueOrder.PRIORITY, Backfill.RESERVING, PlacementStrategy.PACK, true, 16);
    }
}

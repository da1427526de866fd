package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig;
import dev.fastgpu.scheduler.SchedulerConfig.Backfill;
import dev.fastgpu.scheduler.SchedulerConfig.QueueOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The replay policies and how each maps onto the core's {@link SchedulerConfig} and the
 * {@code priority}/{@code estimate} of the pending jobs the simulator hands it.
 */
public enum Policy {
    /** Submit order, strict head-of-line blocking. */
    FIFO("fifo", QueueOrder.FIFO, Backfill.NONE, false),
    /** Submit order, any later job that fits may start (greedy backfill). */
    FIFO_BACKFILL("fifo-backfill", QueueOrder.FIFO, Backfill.GREEDY, false),
    /** Shortest true duration first, strict (an upper bound no real scheduler has). */
    SJF_ORACLE("sjf-oracle", QueueOrder.SHORTEST_FIRST, Backfill.NONE, false),
    /** Shortest true duration first with greedy backfill. */
    SJF_ORACLE_BACKFILL("sjf-oracle-backfill", QueueOrder.SHORTEST_FIRST, Backfill.GREEDY, false),
    /** Preemptive shortest remaining true time first; priority = -remaining seconds, recomputed at every event. */
    SRTF_ORACLE("srtf-oracle", QueueOrder.PRIORITY, Backfill.GREEDY, true),
    /** Tiresias 2D-LAS: two queues split at a GPU-service threshold, FIFO inside each, preemptive. */
    LAS("las", QueueOrder.PRIORITY, Backfill.GREEDY, true),
    /** Shortest predicted first with greedy backfill; predictions from finished jobs only; wait cap against starvation. */
    LEARNED("learned", QueueOrder.SHORTEST_FIRST, Backfill.GREEDY, false),
    /**
     * Preemptive Gittins index over the run times of finished jobs like it (see {@link GittinsRanker});
     * estimate = the index's reciprocal, recomputed when a running job's quantum ends or a waiting
     * job's history changes; wait cap against starvation.
     */
    LEARNED_PREEMPTIVE("learned-preemptive", QueueOrder.SHORTEST_FIRST, Backfill.GREEDY, true);

    private final String cliName;
    private final QueueOrder order;
    private final Backfill backfill;
    private final boolean preemptive;

    Policy(String cliName, QueueOrder order, Backfill backfill, boolean preemptive) {
        this.cliName = cliName;
        this.order = order;
        this.backfill = backfill;
        this.preemptive = preemptive;
    }

    public String cliName() {
        return cliName;
    }

    public boolean preemptive() {
        return preemptive;
    }

    public QueueOrder order() {
        return order;
    }

    public Backfill backfill() {
        return backfill;
    }

    /** The core configuration for this policy. Preemptive policies choose who runs by re-planning (see {@link Simulator}). */
    public SchedulerConfig config(SchedulerConfig.PlacementStrategy placement, int maxCandidates) {
        return new SchedulerConfig(order, backfill, placement, false, maxCandidates);
    }

    public static Policy parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (Policy p : values()) if (p.cliName.equals(n)) return p;
        throw new IllegalArgumentException("unknown policy '" + name + "'; choose from " + names());
    }

    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Policy p : values()) out.add(p.cliName);
        return out;
    }
}

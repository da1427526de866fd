package dev.fastgpu.scheduler;

import java.time.Instant;
import java.util.List;

/**
 * The scheduler core: pure, deterministic, single-threaded. The server, the dry-run {@code plan}
 * command and the simulator all call this one method.
 */
public final class Scheduler {
    private final SchedulerConfig config;

    public Scheduler(SchedulerConfig config) {
        if (config == null) throw new IllegalArgumentException("a scheduler needs a configuration; use SchedulerConfig.defaults()");
        this.config = config;
    }

    public SchedulerConfig config() {
        return config;
    }

    /** One scheduling pass. {@code now} is the caller's clock (wall clock in the server, virtual in the simulator). */
    public Plan schedule(ClusterSnapshot snapshot, List<PendingJob> pending, Instant now) {
        if (snapshot == null || pending == null || now == null) {
            throw new IllegalArgumentException("schedule needs a snapshot, a pending list (may be empty) and the current time");
        }
        return new Pass(config, snapshot, pending, now).run();
    }
}

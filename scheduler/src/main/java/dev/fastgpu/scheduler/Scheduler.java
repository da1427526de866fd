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
        this.config = config;
    }

    public SchedulerConfig config() {
        return config;
    }

    /** One scheduling pass. {@code now} is the caller's clock (wall clock in the server, virtual in the simulator). */
    public Plan schedule(ClusterSnapshot snapshot, List<PendingJob> pending, Instant now) {
        throw new UnsupportedOperationException("scheduler core not implemented yet");
    }
}

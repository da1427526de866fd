package dev.fastgpu.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes that are committed together or not at all: job updates (each checked against the version
 * the writer read), events, and allocation upserts. Build one, then {@link Store#commit(Change)}.
 */
public final class Change {
    /** A job to overwrite, if its stored version is still {@code expectedVersion}. */
    public record JobWrite(JobRecord job, long expectedVersion) {
    }

    private final List<JobWrite> jobs = new ArrayList<>();
    private final Map<String, Integer> jobIndex = new HashMap<>(); // id -> position in jobs (large changes stay linear)
    private final List<JobEvent> events = new ArrayList<>();
    private final List<AllocationRecord> allocations = new ArrayList<>();

    /**
     * Writes {@code updated} if the stored version is still {@code expectedVersion}. A second write
     * of the same job in one change replaces the first (chained transitions, e.g. LOST then QUEUED)
     * and keeps the first expected version.
     */
    public Change job(JobRecord updated, long expectedVersion) {
        Integer i = jobIndex.putIfAbsent(updated.id(), jobs.size());
        if (i != null) {
            jobs.set(i, new JobWrite(updated, jobs.get(i).expectedVersion()));
            return this;
        }
        jobs.add(new JobWrite(updated, expectedVersion));
        return this;
    }

    public Change event(JobEvent e) {
        events.add(e);
        return this;
    }

    public Change allocation(AllocationRecord a) {
        allocations.add(a);
        return this;
    }

    public List<JobWrite> jobs() {
        return List.copyOf(jobs);
    }

    public List<JobEvent> events() {
        return List.copyOf(events);
    }

    public List<AllocationRecord> allocations() {
        return List.copyOf(allocations);
    }

    public boolean isEmpty() {
        return jobs.isEmpty() && events.isEmpty() && allocations.isEmpty();
    }
}

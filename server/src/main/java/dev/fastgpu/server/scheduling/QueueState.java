package dev.fastgpu.server.scheduling;

import dev.fastgpu.api.ReasonView;
import dev.fastgpu.model.JobState;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.Reason;
import dev.fastgpu.scheduler.SchedulerConfig;
import dev.fastgpu.scheduler.Unplaced;
import dev.fastgpu.scheduler.order.QueueOrders;
import dev.fastgpu.server.service.WaitingJobs;
import dev.fastgpu.store.JobRecord;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The queue as the last scheduling pass saw it, kept in memory for the API: the QUEUED jobs in
 * the scheduler's order (so a job's position is a binary search) and why each one waits. Only
 * the scheduling loop writes (one thread, under its pass lock); readers get a consistent ranking
 * through one volatile read. Reasons are not stored in the database: they are not transitions,
 * they change with every pass, and a long queue would otherwise cost a row update per job.
 */
public final class QueueState implements WaitingJobs {
    private final Comparator<PendingJob> order;
    private volatile Ranking ranking = new Ranking(new PendingJob[0], 0);
    private volatile Map<String, List<Reason>> reasons = new ConcurrentHashMap<>();

    /** The queued jobs in order; only the first {@code size} slots are in use and never change once published. */
    private record Ranking(PendingJob[] jobs, int size) {
    }

    public QueueState(SchedulerConfig.QueueOrder order) {
        this.order = QueueOrders.of(order);
    }

    /** How many jobs the last pass saw queued. */
    int size() {
        return ranking.size();
    }

    /** The ranking as the last pass left it (tests). */
    List<PendingJob> ranked() {
        Ranking r = ranking;
        return List.of(Arrays.copyOf(r.jobs(), r.size()));
    }

    /** After a pass over the whole queue: {@code sorted} is every QUEUED job in queue order. */
    void replace(List<PendingJob> sorted, List<Unplaced> unplaced) {
        Map<String, List<Reason>> fresh = new ConcurrentHashMap<>(Math.max(16, unplaced.size() * 2));
        for (Unplaced u : unplaced) if (!u.reasons().isEmpty()) fresh.put(u.jobId(), u.reasons());
        reasons = fresh;
        ranking = new Ranking(sorted.toArray(PendingJob[]::new), sorted.size());
    }

    /**
     * After a pass over new jobs only (nothing else changed): adds them, sorted, to the ranking.
     * New jobs usually sort after every ranked one (later submit time), which is an append. Jobs
     * committed out of submit-time order sort a little before the end: the ranked jobs ahead of the
     * first new one are copied as they are (found by binary search) and only the rest is merged.
     */
    void add(List<PendingJob> sortedNew, List<Unplaced> unplaced) {
        Map<String, List<Reason>> r = reasons;
        for (Unplaced u : unplaced) if (!u.reasons().isEmpty()) r.put(u.jobId(), u.reasons());
        if (sortedNew.isEmpty()) return;
        Ranking old = ranking;
        int size = old.size() + sortedNew.size();
        PendingJob[] jobs;
        if (old.size() == 0 || order.compare(old.jobs()[old.size() - 1], sortedNew.getFirst()) < 0) {
            jobs = old.jobs().length >= size ? old.jobs() : Arrays.copyOf(old.jobs(), Math.max(size, old.jobs().length * 2));
            for (int i = 0; i < sortedNew.size(); i++) jobs[old.size() + i] = sortedNew.get(i);
        } else {
            int at = Arrays.binarySearch(old.jobs(), 0, old.size(), sortedNew.getFirst(), order);
            int a = at >= 0 ? at + 1 : -at - 1; // ranked jobs before the first new one (an equal one stays ahead)
            jobs = new PendingJob[Math.max(16, size * 3 / 2)];
            System.arraycopy(old.jobs(), 0, jobs, 0, a);
            int b = 0;
            for (int i = a; i < size; i++) {
                boolean fromOld = b >= sortedNew.size() || (a < old.size() && order.compare(old.jobs()[a], sortedNew.get(b)) <= 0);
                jobs[i] = fromOld ? old.jobs()[a++] : sortedNew.get(b++);
            }
        }
        ranking = new Ranking(jobs, size);
    }

    @Override
    public ReasonView reason(JobRecord job) {
        if (job.state() != JobState.QUEUED) return null;
        List<Reason> rs = reasons.get(job.id());
        if (rs == null || rs.isEmpty()) return null;
        String message = rs.size() == 1 ? rs.getFirst().message()
                : rs.stream().map(Reason::message).distinct().collect(Collectors.joining("; "));
        return new ReasonView(rs.getFirst().code(), message);
    }

    /**
     * The job's place in the ranking of the last pass; a job that pass did not see (submitted
     * since) is counted right after the ranked jobs that come before it in queue order.
     */
    @Override
    public Integer position(JobRecord job) {
        if (job.state() != JobState.QUEUED) return null;
        Ranking r = ranking;
        int i = Arrays.binarySearch(r.jobs(), 0, r.size(), Snapshots.pendingJob(job), order);
        return (i >= 0 ? i : -i - 1) + 1;
    }
}

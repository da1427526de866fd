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
 * the scheduler's order (so a job's position takes binary searches) and why each one waits. Only
 * the scheduling loop writes (one thread, under its pass lock); readers get a consistent ranking
 * through one volatile read. Reasons are not stored in the database: they are not transitions,
 * they change with every pass, and a long queue would otherwise cost a row update per job.
 */
public final class QueueState implements WaitingJobs {
    /** Jobs kept in the recent run before it is folded into the settled one. */
    static final int RECENT_MAX = 4096;
    private static final PendingJob[] NONE = new PendingJob[0];

    private final Comparator<PendingJob> order;
    private final int recentMax;
    private volatile Ranking ranking = new Ranking(NONE, 0, NONE);
    private volatile Map<String, List<Reason>> reasons = new ConcurrentHashMap<>();

    /**
     * The queued jobs in order, as two sorted runs: the first {@code settledSize} slots of
     * {@code settled}, and {@code recent}, the jobs added since the last fold. Slots in use never
     * change once published. Jobs committed out of submit-time order, or with a higher priority,
     * sort before the end of the queue; they are merged into the short recent run, and the long
     * run is copied only once per {@link #RECENT_MAX} such jobs.
     */
    private record Ranking(PendingJob[] settled, int settledSize, PendingJob[] recent) {
        int size() {
            return settledSize + recent.length;
        }
    }

    public QueueState(SchedulerConfig.QueueOrder order) {
        this(order, RECENT_MAX);
    }

    /** Tests: folds the recent run into the settled one past {@code recentMax} jobs. */
    QueueState(SchedulerConfig.QueueOrder order, int recentMax) {
        this.order = QueueOrders.of(order);
        this.recentMax = recentMax;
    }

    /** How many jobs the last pass saw queued. */
    int size() {
        return ranking.size();
    }

    /** The ranking as the last pass left it (tests). */
    List<PendingJob> ranked() {
        Ranking r = ranking;
        if (r.recent().length == 0) return List.of(Arrays.copyOf(r.settled(), r.settledSize()));
        return List.of(merge(r.settled(), r.settledSize(), r.recent(), 0));
    }

    /** After a pass over the whole queue: {@code sorted} is every QUEUED job in queue order. */
    void replace(List<PendingJob> sorted, List<Unplaced> unplaced) {
        Map<String, List<Reason>> fresh = new ConcurrentHashMap<>(Math.max(16, unplaced.size() * 2));
        for (Unplaced u : unplaced) if (!u.reasons().isEmpty()) fresh.put(u.jobId(), u.reasons());
        reasons = fresh;
        ranking = new Ranking(sorted.toArray(PendingJob[]::new), sorted.size(), NONE);
    }

    /**
     * After a pass over new jobs only (nothing else changed): adds them, sorted, to the ranking.
     * They are merged into the recent run; once it is long, it is folded into the settled run,
     * by appending when it sorts after every settled job (usually), else by merging from the
     * first settled job it precedes (found by binary search).
     */
    void add(List<PendingJob> sortedNew, List<Unplaced> unplaced) {
        Map<String, List<Reason>> r = reasons;
        for (Unplaced u : unplaced) if (!u.reasons().isEmpty()) r.put(u.jobId(), u.reasons());
        if (sortedNew.isEmpty()) return;
        Ranking old = ranking;
        PendingJob[] recent = merge(old.recent(), old.recent().length, sortedNew.toArray(PendingJob[]::new), 0);
        if (recent.length <= recentMax) {
            ranking = new Ranking(old.settled(), old.settledSize(), recent);
            return;
        }
        PendingJob[] settled = old.settled();
        int n = old.settledSize();
        int size = n + recent.length;
        PendingJob[] jobs;
        if (n == 0 || order.compare(settled[n - 1], recent[0]) < 0) {
            // slots from n on are not published: the old ranking's array may take the recent run as it is
            jobs = settled.length >= size ? settled : Arrays.copyOf(settled, Math.max(size, settled.length * 2));
            System.arraycopy(recent, 0, jobs, n, recent.length);
        } else {
            jobs = merge(settled, n, recent, Math.max(16, size * 3 / 2));
        }
        ranking = new Ranking(jobs, size, NONE);
    }

    /**
     * The first {@code n} slots of {@code a} and all of {@code b}, both sorted, merged into a new
     * array of at least {@code capacity} slots (ties: {@code a} first). The jobs of {@code a} before
     * {@code b}'s first, usually nearly all of them, are found by binary search and copied as they are.
     */
    private PendingJob[] merge(PendingJob[] a, int n, PendingJob[] b, int capacity) {
        PendingJob[] out = new PendingJob[Math.max(capacity, n + b.length)];
        int at = Arrays.binarySearch(a, 0, n, b[0], order);
        int i = at >= 0 ? at + 1 : -at - 1;
        System.arraycopy(a, 0, out, 0, i);
        int j = 0;
        for (int k = i; k < n + b.length; k++) {
            boolean fromA = j >= b.length || (i < n && order.compare(a[i], b[j]) <= 0);
            out[k] = fromA ? a[i++] : b[j++];
        }
        return out;
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
        return place(Snapshots.pendingJob(job));
    }

    /** Where {@code key} is, or would go, in the ranking, counting from 1. */
    int place(PendingJob key) {
        Ranking r = ranking;
        int inSettled = Arrays.binarySearch(r.settled(), 0, r.settledSize(), key, order);
        int inRecent = Arrays.binarySearch(r.recent(), key, order);
        // ids are unique: a job's place is the count of jobs before it in each run
        return (inSettled >= 0 ? inSettled : -inSettled - 1) + (inRecent >= 0 ? inRecent : -inRecent - 1) + 1;
    }
}

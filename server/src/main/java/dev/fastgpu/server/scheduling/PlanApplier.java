package dev.fastgpu.server.scheduling;

import dev.fastgpu.model.JobState;
import dev.fastgpu.scheduler.Placement;
import dev.fastgpu.scheduler.Plan;
import dev.fastgpu.scheduler.Preemption;
import dev.fastgpu.scheduler.Reason;
import dev.fastgpu.scheduler.Unplaced;
import dev.fastgpu.server.service.JobTransitions;
import dev.fastgpu.server.service.Wakeups;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.AllocationState;
import dev.fastgpu.store.Change;
import dev.fastgpu.store.ConflictException;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Commits a {@link Plan}: each placement is re-checked against the state it was computed from
 * ({@link PlanCheck}); all placements of a pass are committed together, each checked by its job's
 * version, so a job cancelled meanwhile is simply skipped. Then the nodes concerned are woken.
 */
final class PlanApplier {
    private static final Logger LOG = LoggerFactory.getLogger(PlanApplier.class);
    private final Store store;
    private final Wakeups nodeWakeups;
    private static final int REASONS_PER_COMMIT = 256;
    /** Reasons that ride along in the placements' commit (a few: they delay the nodes' wake-up a little). */
    private static final int REASONS_WITH_PLACEMENTS = 64;
    private final SecureRandom random = new SecureRandom();

    PlanApplier(Store store, Wakeups nodeWakeups) {
        this.store = store;
        this.nodeWakeups = nodeWakeups;
    }

    /** Counts of what was committed in one pass. */
    record Applied(int placed, int preempted, int rejected) {
    }

    Applied apply(Snapshots.State state, Plan plan, Instant now) {
        PlanCheck check = new PlanCheck(state.cluster());
        int rejected = 0;
        List<Placed> placements = new ArrayList<>();
        for (Placement p : plan.placements()) {
            JobRecord job = state.jobs().get(p.jobId());
            if (job == null || job.state() != JobState.QUEUED) continue;
            String why = check.admit(p, job.request());
            if (why != null) {
                LOG.warn("placement of {} rejected on re-check: {}", p.jobId(), why);
                rejected++;
                continue;
            }
            placements.add(new Placed(p, placement(state, job, p, now)));
        }
        List<JobRecord> reasons = changedReasons(state, plan.unplaced());
        int along = placements.isEmpty() || reasons.size() > REASONS_WITH_PLACEMENTS ? 0 : reasons.size();
        int placed = commitPlacements(placements, reasons.subList(0, along));
        int preempted = 0;
        for (Preemption pre : plan.preemptions()) {
            if (preempt(state, pre, now)) preempted++;
        }
        explain(reasons.subList(along, reasons.size()));
        return new Applied(placed, preempted, rejected);
    }

    /** A placement that passed the re-check, and the change that records it. */
    private record Placed(Placement placement, Change change) {
    }

    private Change placement(Snapshots.State state, JobRecord job, Placement p, Instant now) {
        Change change = new Change();
        int attempt = job.attempt() + 1;
        StringJoiner where = new StringJoiner(" + ");
        for (Placement.NodeAssignment na : p.assignments()) {
            NodeRecord node = state.nodes().get(na.nodeId());
            String model = na.gpuIndices().isEmpty() ? null : node.gpus().get(na.gpuIndices().getFirst()).model();
            change.allocation(new AllocationRecord("a-" + HexFormat.of().formatHex(randomBytes()), job.id(), na.nodeId(), attempt,
                    na.gpuIndices(), model, na.milliPerGpu(), na.cpuMilli(), na.memoryMib(), AllocationState.ACTIVE, now, null, null));
            where.add(na.nodeId() + (na.gpuIndices().isEmpty() ? "" : " GPUs " + na.gpuIndices().stream().map(String::valueOf)
                    .collect(Collectors.joining(","))));
        }
        String firstNode = p.assignments().isEmpty() ? null : p.assignments().getFirst().nodeId();
        JobTransitions.move(change, job, job.withAttempt(attempt), JobState.SCHEDULED, "placed", "placed on " + where, firstNode, now);
        return change;
    }

    /**
     * Commits all placements of the pass in one transaction (one sync, however many jobs start),
     * together with a few changed reasons of jobs that still wait, then wakes their nodes. If a job
     * changed during the pass (version conflict) the placements are committed one by one instead
     * (the reasons are then left to the next pass) and the changed job is skipped: the next pass sees
     * it afresh. Returns how many were committed.
     */
    private int commitPlacements(List<Placed> placements, List<JobRecord> reasons) {
        if (placements.isEmpty()) return 0;
        List<Placed> committed = new ArrayList<>();
        try {
            Change all = new Change();
            placements.forEach(p -> addTo(all, p.change()));
            reasons.forEach(j -> all.job(j, j.version()));
            store.commit(all);
            committed.addAll(placements);
        } catch (ConflictException e) {
            for (Placed p : placements) {
                try {
                    store.commit(p.change());
                    committed.add(p);
                } catch (ConflictException again) {
                    LOG.debug("job {} changed during the pass; not placed: {}", p.placement().jobId(), again.getMessage());
                }
            }
        }
        committed.stream().flatMap(p -> p.placement().assignments().stream()).map(Placement.NodeAssignment::nodeId)
                .distinct().forEach(nodeWakeups::bump);
        return committed.size();
    }

    private static void addTo(Change all, Change one) {
        one.jobs().forEach(w -> all.job(w.job(), w.expectedVersion()));
        one.events().forEach(all::event);
        one.allocations().forEach(all::allocation);
    }

    private boolean preempt(Snapshots.State state, Preemption pre, Instant now) {
        JobRecord victim = state.jobs().get(pre.victimJobId());
        if (victim == null || !victim.state().holdsResources()) return false;
        Change change = new Change();
        JobRecord preempted = JobTransitions.move(change, victim, JobState.PREEMPTED, pre.reason().code(),
                pre.reason().message(), pre.nodeId(), now);
        JobTransitions.requeueOrFail(change, victim, preempted, pre.nodeId(), now);
        List<AllocationRecord> allocs = store.allocationsOfJob(victim.id()).stream()
                .filter(a -> a.state() == AllocationState.ACTIVE).toList();
        allocs.forEach(a -> change.allocation(a.withState(AllocationState.RELEASING, null)));
        try {
            store.commit(change);
        } catch (ConflictException e) {
            return false;
        }
        allocs.forEach(a -> nodeWakeups.bump(a.nodeId()));
        return true;
    }

    /**
     * Stores why jobs wait, for those whose reason changed (a reason is not a transition: no event).
     * In commits of {@value #REASONS_PER_COMMIT}, so a long queue costs a few syncs per pass, not one
     * per job, and submissions get the store in between (a commit of a whole long queue would hold
     * the write lock for hundreds of milliseconds). If a job changed meanwhile (version conflict) the
     * others of its chunk are written one by one and that one waits for the next pass.
     */
    private void explain(List<JobRecord> changed) {
        for (int from = 0; from < changed.size(); from += REASONS_PER_COMMIT) {
            List<JobRecord> chunk = changed.subList(from, Math.min(changed.size(), from + REASONS_PER_COMMIT));
            Change some = new Change();
            chunk.forEach(j -> some.job(j, j.version()));
            try {
                store.commit(some);
            } catch (ConflictException e) {
                for (JobRecord j : chunk) {
                    try {
                        store.commit(new Change().job(j, j.version()));
                    } catch (ConflictException again) {
                        // changed meanwhile; the next pass explains it again
                    }
                }
            }
        }
    }

    /** Waiting jobs whose reason changed, with the new reason. */
    private static List<JobRecord> changedReasons(Snapshots.State state, List<Unplaced> unplaced) {
        List<JobRecord> changed = new ArrayList<>();
        for (Unplaced u : unplaced) {
            JobRecord job = state.jobs().get(u.jobId());
            if (job == null || job.state() != JobState.QUEUED || u.reasons().isEmpty()) continue;
            String code = u.reasons().getFirst().code();
            String message = message(u.reasons());
            if (code.equals(job.reasonCode()) && message.equals(job.reasonMessage())) continue;
            changed.add(job.withState(JobState.QUEUED, code, message));
        }
        return changed;
    }

    /** The reasons' distinct messages joined with "; " (one reason, the usual case, costs nothing). */
    private static String message(List<Reason> reasons) {
        if (reasons.size() == 1) return reasons.getFirst().message();
        return reasons.stream().map(Reason::message).distinct().collect(Collectors.joining("; "));
    }

    private byte[] randomBytes() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return b;
    }
}

package dev.fastgpu.server.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.fastgpu.api.JobEventList;
import dev.fastgpu.api.JobPage;
import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.Json;
import dev.fastgpu.model.JobState;
import dev.fastgpu.server.json.SpecJson;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.AllocationState;
import dev.fastgpu.store.Change;
import dev.fastgpu.store.InsertResult;
import dev.fastgpu.store.JobEvent;
import dev.fastgpu.store.JobFilter;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.NewJob;
import dev.fastgpu.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Submit, read, list and cancel jobs. */
public final class JobService {
    public static final String DEFAULT_PROJECT = "default";
    /** The spec writer, bound once: looks up no root type per submission. */
    private static final ObjectWriter SPEC = Json.strict().writerFor(JobSpec.class);

    private final Store store;
    private final Views views;
    private final Clock clock;
    private final SchedulingTrigger trigger;
    private final Wakeups nodeWakeups;
    private final GroupCommit submissions;
    private final NodeShapes shapes;
    private final Set<String> knownProjects = ConcurrentHashMap.newKeySet(); // projects are never deleted

    /** What the service works with. */
    public record Deps(Store store, Views views, Clock clock, SchedulingTrigger trigger, Wakeups nodeWakeups,
                       GroupCommit submissions, NodeShapes shapes) {
    }

    public JobService(Deps d) {
        this.store = d.store();
        this.views = d.views();
        this.clock = d.clock();
        this.trigger = d.trigger();
        this.nodeWakeups = d.nodeWakeups();
        this.submissions = d.submissions();
        this.shapes = d.shapes();
    }

    /**
     * The outcome of a submission: the job, whether it is new (false: idempotent repeat), and for a
     * new job the JSON of its spec as stored (the answer reuses it; null for a repeat).
     */
    public record Submitted(JobView job, boolean created, String specJson) {
    }

    public Submitted submit(Principal who, JobSpec raw, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiError.invalid("Idempotency-Key must be 1-200 characters, got " + idempotencyKey.length());
        }
        SpecNormalizer.Normalized n = SpecNormalizer.normalize(raw, DEFAULT_PROJECT);
        if (!knownProjects.contains(n.spec().project())) {
            if (!store.projectExists(n.spec().project())) {
                throw ApiError.invalidSpec("project '" + n.spec().project() + "' does not exist; leave project out to use '" + DEFAULT_PROJECT + "'");
            }
            knownProjects.add(n.spec().project());
        }
        String never = shapes.whyNever(n.request());
        if (never != null) throw ApiError.invalidSpec(never);
        String specJson = specJson(n.spec());
        String hash = idempotencyKey == null ? "" : Sha256.hex(specJson); // compared only when a key is used again
        Instant now = clock.instant();
        JobSpec s = n.spec();
        JobRecord draft = new JobRecord(null, 0, s.name(), who.user(), s.project(), JobState.QUEUED, n.request(), s.priority(),
                s.preemptible(), s.maxRetries(), 0, specJson, hash, idempotencyKey, "submitted", "waiting for the first scheduling pass",
                now, null, null, null, null, s.estimatedSeconds(), 0);
        // durable before we answer: the group commit returns after the batch holding this job is synced
        InsertResult r = submissions.submit(new NewJob(draft, new JobEvent(null, 0, now, null, JobState.QUEUED, "submitted",
                "submitted by " + who.user(), null)));
        if (!r.created() && !r.job().specHash().equals(hash)) {
            throw ApiError.conflict("Idempotency-Key '" + idempotencyKey + "' was already used for job " + r.job().id()
                    + " with a different spec; use a new key for a new job");
        }
        if (!r.created()) return new Submitted(views.job(r.job()), false, null);
        trigger.wake(); // the loop folds many wakes into one pass; nothing here waits for it
        return new Submitted(views.fresh(r.job(), s), true, specJson);
    }

    public JobView get(String id) {
        return views.job(find(id));
    }

    JobRecord find(String id) {
        return store.job(id).orElseThrow(() -> ApiError.notFound("no job with id '" + id + "'; list the jobs with `fastgpu list` (GET /api/v1/jobs)"));
    }

    public JobPage list(JobQuery q) {
        int limit = q.limit() == null ? 50 : q.limit();
        if (limit < 1 || limit > 500) throw ApiError.invalid("limit must be between 1 and 500, got " + limit);
        long before = 0;
        if (q.cursor() != null && !q.cursor().isBlank()) {
            try {
                before = Long.parseLong(q.cursor());
            } catch (NumberFormatException e) {
                throw ApiError.invalid("cursor '" + q.cursor() + "' is not one this server issued; pass the nextCursor of the previous page");
            }
            if (before <= 0) throw ApiError.invalid("cursor must be positive");
        }
        List<JobRecord> rows = store.listJobs(new JobFilter(q.states(), q.user(), q.name(), q.project(), before, limit + 1));
        boolean more = rows.size() > limit;
        List<JobRecord> page = more ? rows.subList(0, limit) : rows;
        String next = more ? Long.toString(page.getLast().seq()) : null;
        return new JobPage(page.stream().map(views::job).toList(), next);
    }

    public JobEventList events(String id) {
        find(id);
        return new JobEventList(id, store.events(id).stream().map(Views::event).toList());
    }

    /** Cancels a job. A running job's allocation stays RELEASING (GPUs held) until its agent confirms the stop. */
    public JobView cancel(Principal who, String id) {
        JobRecord done = Retry.onConflict(() -> {
            JobRecord j = find(id);
            if (!who.isAdmin() && !who.user().equals(j.user())) {
                throw ApiError.forbidden("job " + id + " belongs to " + j.user() + "; only its owner or an admin can cancel it");
            }
            if (j.state() == JobState.CANCELLED) return j;
            if (j.state().isTerminal()) {
                throw ApiError.conflict("job " + id + " already finished as " + j.state() + "; there is nothing to cancel");
            }
            Instant now = clock.instant();
            Change change = new Change();
            JobTransitions.move(change, j, JobState.CANCELLED, "cancelled", "cancelled by " + who.user(), null, now);
            List<AllocationRecord> stopping = store.allocationsOfJob(id).stream()
                    .filter(a -> a.state() == AllocationState.ACTIVE).toList();
            stopping.forEach(a -> change.allocation(a.withState(AllocationState.RELEASING, null)));
            store.commit(change);
            stopping.forEach(a -> nodeWakeups.bump(a.nodeId()));
            return j;
        });
        trigger.wake();
        return views.job(store.job(done.id()).orElseThrow());
    }

    private static String specJson(JobSpec spec) {
        String plain = SpecJson.write(spec);
        if (plain != null) return plain;
        try {
            return SPEC.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

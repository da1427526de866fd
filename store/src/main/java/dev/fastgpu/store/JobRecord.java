package dev.fastgpu.store;

import dev.fastgpu.model.JobState;
import dev.fastgpu.model.ResourceRequest;

import java.time.Instant;

/**
 * A job as stored. Immutable; changes are written through {@link Store#commit(Change)} with the
 * version read, so two writers cannot both win.
 *
 * @param id             "j-" + seq, assigned by the store on insert
 * @param seq            insertion order, assigned by the store (list order and cursor)
 * @param name           label
 * @param user           owner
 * @param project        project billed
 * @param state          lifecycle state
 * @param request        resources, decoded from the spec (what the scheduler sees)
 * @param priority       higher first
 * @param preemptible    may be evicted
 * @param maxRetries     re-queues allowed after node loss or preemption
 * @param attempt        0 before the first placement, then 1, 2, ...
 * @param specJson       the normalised spec as the API shows it (opaque to the store); null in the
 *                       records of {@link Store#jobsInStates} and {@link Store#queueTail}, which
 *                       feed the scheduler: it needs the request, and a long queue would keep
 *                       every spec in memory ({@link Store#job} has it)
 * @param specHash       hash of the submitted spec when it came with an idempotency key (what a repeat is
 *                       checked against), else empty; null where {@code specJson} is
 * @param idempotencyKey the submitter's key, or null
 * @param reasonCode     current reason code, or null
 * @param reasonMessage  current reason in words, or null
 * @param submittedAt    commit time of the submission
 * @param startedAt      when the current attempt started running
 * @param finishedAt     when it became terminal
 * @param exitCode       process exit code
 * @param signal         signal name
 * @param estimatedSeconds user estimate of the run time, or null
 * @param version        optimistic-concurrency version, 1 after insert
 */
public record JobRecord(String id, long seq, String name, String user, String project, JobState state,
                        ResourceRequest request, int priority, boolean preemptible, int maxRetries, int attempt,
                        String specJson, String specHash, String idempotencyKey, String reasonCode,
                        String reasonMessage, Instant submittedAt, Instant startedAt, Instant finishedAt,
                        Integer exitCode, String signal, Long estimatedSeconds, long version) {

    /** A copy in another state with a reason (the caller has checked the transition). */
    public JobRecord withState(JobState s, String code, String message) {
        return new JobRecord(id, seq, name, user, project, s, request, priority, preemptible, maxRetries, attempt, specJson,
                specHash, idempotencyKey, code, message, submittedAt, startedAt, finishedAt, exitCode, signal,
                estimatedSeconds, version);
    }

    public JobRecord withAttempt(int a) {
        return new JobRecord(id, seq, name, user, project, state, request, priority, preemptible, maxRetries, a, specJson,
                specHash, idempotencyKey, reasonCode, reasonMessage, submittedAt, startedAt, finishedAt, exitCode, signal,
                estimatedSeconds, version);
    }

    public JobRecord withTimes(Instant started, Instant finished) {
        return new JobRecord(id, seq, name, user, project, state, request, priority, preemptible, maxRetries, attempt, specJson,
                specHash, idempotencyKey, reasonCode, reasonMessage, submittedAt, started, finished, exitCode, signal,
                estimatedSeconds, version);
    }

    public JobRecord withExit(Integer code, String sig) {
        return new JobRecord(id, seq, name, user, project, state, request, priority, preemptible, maxRetries, attempt, specJson,
                specHash, idempotencyKey, reasonCode, reasonMessage, submittedAt, startedAt, finishedAt, code, sig,
                estimatedSeconds, version);
    }

    /**
     * This record without its spec ({@code specJson} and {@code specHash} null). Both are fixed at
     * submission: a write through such a record keeps the stored ones.
     */
    public JobRecord withoutSpec() {
        return withSpec(null, null);
    }

    /** This record with the spec (and its hash) of the submission. */
    public JobRecord withSpec(String json, String hash) {
        return new JobRecord(id, seq, name, user, project, state, request, priority, preemptible, maxRetries, attempt, json,
                hash, idempotencyKey, reasonCode, reasonMessage, submittedAt, startedAt, finishedAt, exitCode, signal,
                estimatedSeconds, version);
    }

    public JobRecord withIdentity(String newId, long newSeq, long newVersion) {
        return new JobRecord(newId, newSeq, name, user, project, state, request, priority, preemptible, maxRetries, attempt,
                specJson, specHash, idempotencyKey, reasonCode, reasonMessage, submittedAt, startedAt, finishedAt, exitCode,
                signal, estimatedSeconds, newVersion);
    }
}

package dev.fastgpu.store;

import dev.fastgpu.model.JobState;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The control plane's state. Every method is atomic; a method returns only after its writes are
 * durable (for the JDBC store: committed with synchronous=FULL). Implementations: {@code
 * InMemoryStore} and {@code JdbcStore}; {@code StoreContractTest} holds both to the same rules.
 */
public interface Store extends AutoCloseable {

    // ---- users, projects, tokens ----

    /** Creates the user if new. */
    void ensureUser(String name);

    /** Creates the project if new. */
    void ensureProject(String name);

    boolean userExists(String name);

    boolean projectExists(String name);

    void insertToken(TokenRecord token);

    Optional<TokenRecord> tokenByHash(String hash);

    /** Number of tokens of a kind (tells a first start from a restart). */
    int countTokens(TokenKind kind);

    // ---- jobs ----

    /**
     * Stores a new job with its submission event; assigns {@code seq}, id {@code "j-<seq>"} and
     * version 1. When the job carries an idempotency key this user already used, nothing is written
     * and the earlier job is returned.
     */
    default InsertResult insertJob(JobRecord draft, JobEvent submitted) {
        return insertJobs(List.of(new NewJob(draft, submitted))).getFirst();
    }

    /**
     * Stores several new jobs in one transaction (one durable commit for all), each exactly as
     * {@link #insertJob} would, in list order: a later item sees the earlier ones, so a key repeated
     * within the list returns the job of its first use. All or nothing: when it throws, none is stored.
     *
     * @return one result per item, in the same order
     */
    List<InsertResult> insertJobs(List<NewJob> jobs);

    Optional<JobRecord> job(String id);

    Optional<JobRecord> jobByIdempotencyKey(String user, String key);

    /** Newest first, at most {@code filter.limit()}. */
    List<JobRecord> listJobs(JobFilter filter);

    /** Every job in one of the states, oldest first, without their specs ({@link JobRecord#withoutSpec()}). */
    List<JobRecord> jobsInStates(Set<JobState> states);

    /**
     * QUEUED jobs with a seq above {@code afterSeq} (oldest first, without their specs) and the
     * number of QUEUED jobs in all, from one consistent read. Seqs grow with each insert, so a caller that remembers the
     * highest seq it has seen gets exactly the jobs submitted since.
     */
    default QueueTail queueTail(long afterSeq) {
        List<JobRecord> queued = jobsInStates(Set.of(JobState.QUEUED));
        return new QueueTail(queued.stream().filter(j -> j.seq() > afterSeq).toList(), queued.size());
    }

    List<JobEvent> events(String jobId);

    /**
     * Writes a change atomically. Each job write succeeds only if the stored version equals the
     * expected one; the stored version becomes expected + 1. Events get the next seq of their job.
     *
     * @throws ConflictException when a version check fails; nothing is written then
     */
    void commit(Change change);

    // ---- allocations ----

    Optional<AllocationRecord> allocation(String id);

    /** A job's allocations, newest first. */
    List<AllocationRecord> allocationsOfJob(String jobId);

    /** Allocations that still hold resources (ACTIVE or RELEASING), on all nodes. */
    List<AllocationRecord> liveAllocations();

    // ---- nodes ----

    /** Inserts or replaces a node. */
    void putNode(NodeRecord node);

    /**
     * Reads the node and writes {@code change} of it in one step: no other update of the node falls in
     * between (a heartbeat that read the node before an admin drained it cannot write the drain away).
     * {@code change} may return its argument to write nothing. Empty when there is no such node.
     */
    Optional<NodeRecord> updateNode(String id, UnaryOperator<NodeRecord> change);

    Optional<NodeRecord> node(String id);

    /** Every node, by id. */
    List<NodeRecord> nodes();

    // ---- logs and samples ----

    /** Appends chunks; a chunk whose (allocation, seq) is already stored is ignored. Returns how many were new. */
    int appendLogs(List<LogChunkRecord> chunks);

    /** A job's chunks with a cursor greater than {@code afterCursor}, in cursor order, at most {@code limit}. */
    List<LogChunkRecord> logs(String jobId, long afterCursor, int limit);

    void appendSamples(List<GpuSampleRecord> samples);

    /** A job's samples, oldest first. */
    List<GpuSampleRecord> samples(String jobId);

    @Override
    void close();
}

package dev.fastgpu.store.memory;

import dev.fastgpu.model.JobState;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.Change;
import dev.fastgpu.store.ConflictException;
import dev.fastgpu.store.GpuSampleRecord;
import dev.fastgpu.store.InsertResult;
import dev.fastgpu.store.JobEvent;
import dev.fastgpu.store.JobFilter;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.LogChunkRecord;
import dev.fastgpu.store.NewJob;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.Store;
import dev.fastgpu.store.TokenKind;
import dev.fastgpu.store.TokenRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** The reference {@link Store}: maps behind one lock. Loses everything on exit, by design. */
public final class InMemoryStore implements Store {
    private final Object lock = new Object();
    private final Set<String> users = new HashSet<>();
    private final Set<String> projects = new HashSet<>();
    private final Map<String, TokenRecord> tokens = new HashMap<>();
    private final TreeMap<Long, JobRecord> jobsBySeq = new TreeMap<>();
    private final Map<String, JobRecord> jobs = new HashMap<>();
    private final Map<String, String> idempotency = new HashMap<>();
    private final Map<String, List<JobEvent>> events = new HashMap<>();
    private final Map<String, AllocationRecord> allocations = new LinkedHashMap<>();
    private final TreeMap<String, NodeRecord> nodes = new TreeMap<>();
    private final Map<String, List<LogChunkRecord>> logs = new HashMap<>();
    private final Set<String> logKeys = new HashSet<>();
    private final Map<String, List<GpuSampleRecord>> samples = new HashMap<>();
    private long jobSeq;
    private long logCursor;

    @Override
    public void ensureUser(String name) {
        synchronized (lock) { users.add(name); }
    }

    @Override
    public void ensureProject(String name) {
        synchronized (lock) { projects.add(name); }
    }

    @Override
    public boolean userExists(String name) {
        synchronized (lock) { return users.contains(name); }
    }

    @Override
    public boolean projectExists(String name) {
        synchronized (lock) { return projects.contains(name); }
    }

    @Override
    public void insertToken(TokenRecord token) {
        synchronized (lock) {
            if (tokens.putIfAbsent(token.hash(), token) != null) throw new IllegalStateException("duplicate token hash");
        }
    }

    @Override
    public Optional<TokenRecord> tokenByHash(String hash) {
        synchronized (lock) { return Optional.ofNullable(tokens.get(hash)); }
    }

    @Override
    public int countTokens(TokenKind kind) {
        synchronized (lock) { return (int) tokens.values().stream().filter(t -> t.kind() == kind).count(); }
    }

    @Override
    public List<InsertResult> insertJobs(List<NewJob> batch) {
        synchronized (lock) {
            List<InsertResult> out = new ArrayList<>(batch.size());
            for (NewJob n : batch) out.add(insertOne(n.draft(), n.submitted()));
            return out;
        }
    }

    private InsertResult insertOne(JobRecord draft, JobEvent submitted) {
        String key = draft.idempotencyKey() == null ? null : draft.user() + "\u0000" + draft.idempotencyKey();
        if (key != null && idempotency.containsKey(key)) return new InsertResult(jobs.get(idempotency.get(key)), false);
        long seq = ++jobSeq;
        JobRecord job = draft.withIdentity("j-" + seq, seq, 1);
        jobs.put(job.id(), job);
        jobsBySeq.put(seq, job);
        if (key != null) idempotency.put(key, job.id());
        appendEvent(submitted.withJobId(job.id()));
        return new InsertResult(job, true);
    }

    @Override
    public Optional<JobRecord> job(String id) {
        synchronized (lock) { return Optional.ofNullable(jobs.get(id)); }
    }

    @Override
    public Optional<JobRecord> jobByIdempotencyKey(String user, String key) {
        synchronized (lock) { return Optional.ofNullable(idempotency.get(user + "\u0000" + key)).map(jobs::get); }
    }

    @Override
    public List<JobRecord> listJobs(JobFilter filter) {
        synchronized (lock) {
            List<JobRecord> out = new ArrayList<>();
            for (JobRecord j : jobsBySeq.descendingMap().values()) {
                if (filter.matches(j)) out.add(j);
                if (out.size() == filter.limit()) break;
            }
            return out;
        }
    }

    @Override
    public List<JobRecord> jobsInStates(Set<JobState> states) {
        synchronized (lock) {
            return jobsBySeq.values().stream().filter(j -> states.contains(j.state())).map(JobRecord::withoutSpec).toList();
        }
    }

    @Override
    public List<JobEvent> events(String jobId) {
        synchronized (lock) { return List.copyOf(events.getOrDefault(jobId, List.of())); }
    }

    @Override
    public void commit(Change change) {
        synchronized (lock) {
            for (Change.JobWrite w : change.jobs()) {
                JobRecord current = jobs.get(w.job().id());
                if (current == null) throw new ConflictException("job " + w.job().id() + " does not exist");
                if (current.version() != w.expectedVersion()) {
                    throw new ConflictException("job " + w.job().id() + " is at version " + current.version()
                            + ", the change expected " + w.expectedVersion());
                }
            }
            for (Change.JobWrite w : change.jobs()) {
                JobRecord current = jobs.get(w.job().id());
                JobRecord updated = w.job().withIdentity(current.id(), current.seq(), w.expectedVersion() + 1)
                        .withSpec(current.specJson(), current.specHash()); // fixed at submission
                jobs.put(updated.id(), updated);
                jobsBySeq.put(updated.seq(), updated);
            }
            change.events().forEach(this::appendEvent);
            change.allocations().forEach(a -> allocations.put(a.id(), a));
        }
    }

    private void appendEvent(JobEvent e) {
        List<JobEvent> list = events.computeIfAbsent(e.jobId(), k -> new ArrayList<>());
        list.add(e.withSeq(list.size() + 1));
    }

    @Override
    public Optional<AllocationRecord> allocation(String id) {
        synchronized (lock) { return Optional.ofNullable(allocations.get(id)); }
    }

    @Override
    public List<AllocationRecord> allocationsOfJob(String jobId) {
        synchronized (lock) {
            List<AllocationRecord> out = new ArrayList<>(allocations.values().stream().filter(a -> a.jobId().equals(jobId)).toList());
            out.sort(Comparator.comparing(AllocationRecord::createdAt).thenComparing(AllocationRecord::id).reversed());
            return out;
        }
    }

    @Override
    public List<AllocationRecord> liveAllocations() {
        synchronized (lock) {
            return allocations.values().stream().filter(a -> a.state().holdsResources())
                    .sorted(Comparator.comparing(AllocationRecord::id)).toList();
        }
    }

    @Override
    public void putNode(NodeRecord node) {
        synchronized (lock) { nodes.put(node.id(), node); }
    }

    @Override
    public Optional<NodeRecord> updateNode(String id, UnaryOperator<NodeRecord> change) {
        synchronized (lock) {
            NodeRecord current = nodes.get(id);
            if (current == null) return Optional.empty();
            NodeRecord next = change.apply(current);
            nodes.put(id, next);
            return Optional.of(next);
        }
    }

    @Override
    public Optional<NodeRecord> node(String id) {
        synchronized (lock) { return Optional.ofNullable(nodes.get(id)); }
    }

    @Override
    public List<NodeRecord> nodes() {
        synchronized (lock) { return List.copyOf(nodes.values()); }
    }

    @Override
    public int appendLogs(List<LogChunkRecord> chunks) {
        synchronized (lock) {
            int added = 0;
            for (LogChunkRecord c : chunks) {
                if (!logKeys.add(c.allocationId() + "\u0000" + c.seq())) continue;
                logs.computeIfAbsent(c.jobId(), k -> new ArrayList<>())
                        .add(new LogChunkRecord(c.jobId(), c.allocationId(), c.seq(), c.stream(), c.data(), ++logCursor));
                added++;
            }
            return added;
        }
    }

    @Override
    public List<LogChunkRecord> logs(String jobId, long afterCursor, int limit) {
        synchronized (lock) {
            return logs.getOrDefault(jobId, List.of()).stream().filter(c -> c.cursor() > afterCursor).limit(limit).toList();
        }
    }

    @Override
    public void appendSamples(List<GpuSampleRecord> list) {
        synchronized (lock) {
            for (GpuSampleRecord s : list) samples.computeIfAbsent(s.jobId(), k -> new ArrayList<>()).add(s);
        }
    }

    @Override
    public List<GpuSampleRecord> samples(String jobId) {
        synchronized (lock) {
            return samples.getOrDefault(jobId, List.of()).stream().sorted(Comparator.comparing(GpuSampleRecord::at)).toList();
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}

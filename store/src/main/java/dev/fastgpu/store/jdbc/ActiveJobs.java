package dev.fastgpu.store.jdbc;

import dev.fastgpu.model.JobState;
import dev.fastgpu.store.Change;
import dev.fastgpu.store.InsertResult;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.QueueTail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The jobs that are not finished, in memory, by seq: what the scheduling loop reads on every pass.
 * Answering that from memory keeps a pass from decoding every queued row again. The records are
 * kept without their specs ({@link JobRecord#withoutSpec()}): the spec is most of a record's
 * memory, the scheduler does not read it, and a queue of a million jobs would otherwise keep a
 * million specs on the heap (and every garbage collection would copy the new ones). The store applies
 * each committed write here while it still holds its write lock, so the copy follows the database
 * in commit order; readers get a consistent copy (whole commits, never half of one).
 */
final class ActiveJobs {
    private final TreeMap<Long, JobRecord> bySeq = new TreeMap<>();
    private int queued;

    /** True when every state asked for is one this index holds (not terminal). */
    static boolean covers(Set<JobState> states) {
        return states.stream().noneMatch(JobState::isTerminal);
    }

    synchronized void load(Collection<JobRecord> jobs) {
        bySeq.clear();
        queued = 0;
        jobs.forEach(this::put);
    }

    synchronized void inserted(List<InsertResult> results) {
        for (InsertResult r : results) if (r.created()) put(r.job());
    }

    /** Job writes of a committed change: each job now has the written fields and version expected + 1. */
    synchronized void written(List<Change.JobWrite> writes) {
        for (Change.JobWrite w : writes) {
            JobRecord j = w.job();
            put(j.withIdentity(j.id(), j.seq(), w.expectedVersion() + 1));
        }
    }

    /** Jobs in one of the states, oldest first. */
    synchronized List<JobRecord> inStates(Set<JobState> states) {
        List<JobRecord> out = new ArrayList<>();
        for (JobRecord j : bySeq.values()) if (states.contains(j.state())) out.add(j);
        return out;
    }

    /** QUEUED jobs above {@code afterSeq} and the number queued in all, read together. */
    synchronized QueueTail queueTail(long afterSeq) {
        List<JobRecord> out = new ArrayList<>();
        for (JobRecord j : bySeq.tailMap(afterSeq, false).values()) if (j.state() == JobState.QUEUED) out.add(j);
        return new QueueTail(out, queued);
    }

    private void put(JobRecord full) {
        JobRecord j = full.withoutSpec();
        JobRecord before = j.state().isTerminal() ? bySeq.remove(j.seq()) : bySeq.put(j.seq(), j);
        if (before != null && before.state() == JobState.QUEUED) queued--;
        if (j.state() == JobState.QUEUED) queued++;
    }
}

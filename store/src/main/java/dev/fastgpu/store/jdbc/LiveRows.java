package dev.fastgpu.store.jdbc;

import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.AllocationState;
import dev.fastgpu.store.NodeRecord;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The nodes and the allocations in force (ACTIVE or RELEASING), in memory: what the scheduling
 * loop reads on every pass and the agent API on every call. Kept like {@link ActiveJobs}: the store
 * applies each committed write here while it still holds its write lock, so the copy follows the
 * database in commit order, and each row is the one a read of the database returns: times to the
 * millisecond (how they are stored), an allocation's fixed columns from its first write (a later
 * write changes only its state and times, as the SQL upsert does).
 */
final class LiveRows {
    private final TreeMap<String, NodeRecord> nodes = new TreeMap<>();
    private final TreeMap<String, AllocationRecord> live = new TreeMap<>();

    synchronized void load(Collection<NodeRecord> nodeRows, Collection<AllocationRecord> liveRows) {
        nodes.clear();
        live.clear();
        for (NodeRecord n : nodeRows) nodes.put(n.id(), n);
        for (AllocationRecord a : liveRows) live.put(a.id(), a);
    }

    synchronized void nodeWritten(NodeRecord n) {
        nodes.put(n.id(), new NodeRecord(n.id(), n.hostname(), n.state(), n.drained(), n.gpus(), n.cpuMilli(), n.memoryMib(),
                n.labels(), millis(n.joinedAt()), millis(n.lastHeartbeatAt())));
    }

    synchronized void allocationsWritten(List<AllocationRecord> written) {
        for (AllocationRecord a : written) {
            AllocationRecord first = live.getOrDefault(a.id(), a);
            AllocationRecord stored = new AllocationRecord(first.id(), first.jobId(), first.nodeId(), first.attempt(), first.gpuIndices(),
                    first.gpuModel(), first.milliPerGpu(), first.cpuMilli(), first.memoryMib(), a.state(), millis(first.createdAt()),
                    millis(a.startedAt()), millis(a.releasedAt()));
            if (a.state() == AllocationState.ACTIVE || a.state() == AllocationState.RELEASING) live.put(a.id(), stored);
            else live.remove(a.id());
        }
    }

    /** Every node, by id. */
    synchronized List<NodeRecord> nodes() {
        return List.copyOf(nodes.values());
    }

    synchronized Optional<NodeRecord> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** The allocations in force, by id. */
    synchronized List<AllocationRecord> live() {
        return List.copyOf(live.values());
    }

    private static Instant millis(Instant t) {
        return t == null ? null : Instant.ofEpochMilli(t.toEpochMilli());
    }
}

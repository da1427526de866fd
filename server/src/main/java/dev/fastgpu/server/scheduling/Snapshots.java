package dev.fastgpu.server.scheduling;

import dev.fastgpu.model.JobState;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.AllocationState;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.Store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the store once and builds what the scheduler core takes: the cluster snapshot and the queue. */
public final class Snapshots {
    private Snapshots() {}

    /** One consistent read of the state, plus the jobs the allocations belong to. */
    public record State(ClusterSnapshot cluster, List<PendingJob> pending, Map<String, JobRecord> jobs,
                        Map<String, NodeRecord> nodes) {
    }

    public static State read(Store store) {
        Map<String, NodeRecord> nodes = new HashMap<>();
        List<NodeSnapshot> nodeSnapshots = new ArrayList<>();
        for (NodeRecord n : store.nodes()) {
            nodes.put(n.id(), n);
            nodeSnapshots.add(new NodeSnapshot(n.id(), n.state(), n.gpus(), n.cpuMilli(), n.memoryMib(), n.labels()));
        }
        List<JobRecord> active = store.jobsInStates(Set.of(JobState.QUEUED, JobState.SCHEDULED, JobState.STARTING, JobState.RUNNING));
        Map<String, JobRecord> jobs = HashMap.newHashMap(active.size());
        for (JobRecord j : active) jobs.put(j.id(), j);
        List<Allocation> allocations = new ArrayList<>();
        for (AllocationRecord a : store.liveAllocations()) {
            if (!nodes.containsKey(a.nodeId())) continue;
            JobRecord j = jobs.get(a.jobId());
            boolean releasing = a.state() == AllocationState.RELEASING || j == null;
            allocations.add(new Allocation(a.jobId(), a.nodeId(), a.gpuIndices(), a.milliPerGpu(), a.cpuMilli(), a.memoryMib(),
                    j == null ? 0 : j.priority(), j != null && j.preemptible(),
                    a.startedAt() != null ? a.startedAt() : a.createdAt(), estimate(j), releasing));
        }
        List<PendingJob> pending = new ArrayList<>();
        for (JobRecord j : active) { // oldest first already, so the sort below has little to do
            if (j.state() != JobState.QUEUED) continue;
            pending.add(pendingJob(j));
        }
        pending.sort((x, y) -> x.submittedAt().equals(y.submittedAt()) ? x.id().compareTo(y.id()) : x.submittedAt().compareTo(y.submittedAt()));
        return new State(new ClusterSnapshot(nodeSnapshots, allocations), pending, jobs, nodes);
    }

    public static PendingJob pendingJob(JobRecord j) {
        return new PendingJob(j.id(), j.request(), j.priority(), j.preemptible(), j.submittedAt(), estimate(j), j.user());
    }

    private static Duration estimate(JobRecord j) {
        return j == null || j.estimatedSeconds() == null ? null : Duration.ofSeconds(j.estimatedSeconds());
    }
}

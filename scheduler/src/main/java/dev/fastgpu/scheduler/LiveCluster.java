package dev.fastgpu.scheduler;

import dev.fastgpu.scheduler.pass.ClusterLayout;
import dev.fastgpu.scheduler.pass.ClusterState;

import java.util.ArrayList;
import java.util.List;

/**
 * The allocations in force on a fixed node list, kept current by the caller as jobs start and
 * end, so that a pass starts from a copy of each node's usage instead of taking every allocation
 * again (see {@link Scheduler#schedule(LiveCluster, List, java.time.Instant)}). A pass over it
 * gives the same plan as a pass over {@link #snapshot()}.
 *
 * <p>Unlike a snapshot, which may be inconsistent (it is read while agents report), it refuses an
 * allocation that would hand out more than a node has, so taking and giving back are exact
 * inverses. Not thread-safe, and it must not change while a pass over it runs.
 */
public final class LiveCluster {
    private final List<NodeSnapshot> nodes;
    private final ClusterLayout layout;
    private final NodeUsage[] usage;
    private final List<Allocation>[] byNode; // in the order they were added
    /** Which node classes pass the static filters, per request: from the node list alone, so kept across passes. */
    private final java.util.Map<dev.fastgpu.model.ResourceRequest, byte[]> staticMemo = new java.util.HashMap<>();
    private final long capacityMilli;
    private long busyMilli;

    @SuppressWarnings("unchecked")
    public LiveCluster(List<NodeSnapshot> nodes) {
        this.nodes = List.copyOf(nodes);
        this.layout = ClusterLayout.of(this.nodes);
        int n = layout.nodeCount();
        usage = new NodeUsage[n];
        byNode = new List[n];
        long capacity = 0;
        for (int i = 0; i < n; i++) {
            usage[i] = NodeUsage.idle(layout.node(i));
            byNode[i] = new ArrayList<>(4);
            capacity += 1000L * usage[i].gpuCount();
        }
        capacityMilli = capacity;
    }

    /** GPU share held by the allocations in force, in thousandths of a GPU. */
    public long busyGpuMilli() {
        return busyMilli;
    }

    /** GPU share not held by any allocation in force (whatever the nodes' states). */
    public long freeGpuMilli() {
        return capacityMilli - busyMilli;
    }

    /** Puts an allocation in force. */
    public void add(Allocation a) {
        int n = nodeOf(a);
        NodeUsage u = usage[n];
        for (int g : a.gpuIndices()) {
            if (g < 0 || g >= u.gpuCount()) {
                throw new IllegalArgumentException("job " + a.jobId() + " holds GPU " + g + " of node " + a.nodeId()
                        + ", which has " + u.gpuCount() + " GPUs");
            }
            if (u.freeMilli(g) < a.milliPerGpu()) {
                throw new IllegalStateException("job " + a.jobId() + " would over-commit GPU " + g + " of node " + a.nodeId()
                        + ": it takes " + a.milliPerGpu() + "/1000 and " + u.freeMilli(g) + "/1000 is free");
            }
        }
        if (!u.cpuFits(a.cpuMilli()) || !u.memoryFits(a.memoryMib())) {
            throw new IllegalStateException("job " + a.jobId() + " would over-commit the CPU or memory of node " + a.nodeId());
        }
        u.take(a);
        byNode[n].add(a);
        busyMilli += share(a);
    }

    /** Ends an allocation that {@link #add} put in force (the same object). */
    public void remove(Allocation a) {
        int n = nodeOf(a);
        List<Allocation> list = byNode[n];
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i) == a) {
                list.remove(i);
                usage[n].give(a);
                busyMilli -= share(a);
                return;
            }
        }
        throw new IllegalArgumentException("job " + a.jobId() + "'s allocation on node " + a.nodeId() + " is not in force");
    }

    public void addAll(List<Allocation> allocations) {
        for (Allocation a : allocations) add(a);
    }

    public void removeAll(List<Allocation> allocations) {
        for (Allocation a : allocations) remove(a);
    }

    /** The same cluster as an immutable snapshot: the nodes and every allocation in force, node by node. */
    public ClusterSnapshot snapshot() {
        List<Allocation> all = new ArrayList<>();
        for (List<Allocation> list : byNode) all.addAll(list);
        return new ClusterSnapshot(nodes, all);
    }

    /** A pass's working state: copies of the usage, read-only views of the allocation lists. */
    ClusterState passState() {
        return ClusterState.copyOf(layout, usage, byNode, staticMemo);
    }

    private static long share(Allocation a) {
        return (long) a.milliPerGpu() * a.gpuIndices().size();
    }

    private int nodeOf(Allocation a) {
        Integer n = layout.indexOf(a.nodeId());
        if (n == null) throw new IllegalArgumentException("job " + a.jobId() + " holds node " + a.nodeId() + ", which is not in the cluster");
        return n;
    }
}

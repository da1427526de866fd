package dev.fastgpu.server.scheduling;

import dev.fastgpu.model.JobState;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.server.service.JobTransitions;
import dev.fastgpu.server.service.SchedulingTrigger;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Marks nodes whose heartbeats stopped as DOWN; their allocations are released and their jobs
 * become LOST, then QUEUED again while retries remain. One {@link #run()} is one check.
 */
public final class NodeMonitor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMonitor.class);
    private final Store store;
    private final Clock clock;
    private final Duration timeout;
    private final Wakeups nodeWakeups;
    private final SchedulingTrigger trigger;

    public NodeMonitor(Store store, Clock clock, Duration timeout, Wakeups nodeWakeups, SchedulingTrigger trigger) {
        this.store = store;
        this.clock = clock;
        this.timeout = timeout;
        this.nodeWakeups = nodeWakeups;
        this.trigger = trigger;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        boolean changed = false;
        for (NodeRecord n : store.nodes()) {
            if (n.state() == NodeState.DOWN) continue;
            Instant last = n.lastHeartbeatAt() == null ? n.joinedAt() : n.lastHeartbeatAt();
            if (last.plus(timeout).isAfter(now)) continue;
            // re-checked as one step with the write: a heartbeat that arrived since the read keeps the node up
            boolean[] markedDown = {false};
            store.updateNode(n.id(), cur -> {
                Instant seen = cur.lastHeartbeatAt() == null ? cur.joinedAt() : cur.lastHeartbeatAt();
                if (cur.state() == NodeState.DOWN || seen.plus(timeout).isAfter(now)) return cur;
                markedDown[0] = true;
                return cur.withState(NodeState.DOWN, cur.drained());
            });
            if (!markedDown[0]) continue;
            LOG.warn("node {} sent no heartbeat for {} s; marking it DOWN", n.id(), Duration.between(last, now).toSeconds());
            loseJobsOn(n.id(), now, Duration.between(last, now));
            nodeWakeups.bump(n.id());
            changed = true;
        }
        if (changed) trigger.capacityChanged(); // lost jobs are queued again
    }

    private void loseJobsOn(String nodeId, Instant now, Duration silence) {
        for (AllocationRecord a : store.liveAllocations()) {
            if (!a.nodeId().equals(nodeId)) continue;
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    loseOne(a, nodeId, now, silence);
                    break;
                } catch (ConflictException e) {
                    // re-read and try again
                }
            }
        }
    }

    private void loseOne(AllocationRecord a, String nodeId, Instant now, Duration silence) {
        JobRecord job = store.job(a.jobId()).orElseThrow();
        Change change = new Change().allocation(a.withState(AllocationState.RELEASED, now));
        if (a.state() == AllocationState.ACTIVE && job.state().holdsResources() && job.attempt() == a.attempt()) {
            JobRecord lost = JobTransitions.move(change, job, JobState.LOST, "node_lost",
                    "node " + nodeId + " stopped sending heartbeats (" + silence.toSeconds() + " s)", nodeId, now);
            JobTransitions.requeueOrFail(change, job, lost, nodeId, now);
        }
        store.commit(change);
    }
}

package dev.fastgpu.server.service;

import dev.fastgpu.api.NodeList;
import dev.fastgpu.api.NodeView;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.Store;

import java.util.List;
import java.util.function.UnaryOperator;

/** Lists nodes and drains or undrains them. */
public final class NodeService {
    private final Store store;
    private final Views views;
    private final SchedulingTrigger trigger;
    private final Wakeups nodeWakeups;

    public NodeService(Store store, Views views, SchedulingTrigger trigger, Wakeups nodeWakeups) {
        this.store = store;
        this.views = views;
        this.trigger = trigger;
        this.nodeWakeups = nodeWakeups;
    }

    public NodeList list() {
        List<AllocationRecord> live = store.liveAllocations();
        return new NodeList(store.nodes().stream().map(n -> views.node(n, live)).toList());
    }

    public NodeView get(String id) {
        return views.node(find(id), store.liveAllocations());
    }

    /** Running jobs keep running; nothing new is placed on a drained node. */
    public synchronized NodeView drain(Principal who, String id) {
        requireAdmin(who);
        update(id, n -> n.withState(n.state() == NodeState.DOWN ? NodeState.DOWN : NodeState.DRAINING, true));
        nodeWakeups.bump(id);
        return get(id);
    }

    public synchronized NodeView undrain(Principal who, String id) {
        requireAdmin(who);
        update(id, n -> n.withState(n.state() == NodeState.DOWN ? NodeState.DOWN : NodeState.READY, false));
        nodeWakeups.bump(id);
        trigger.capacityChanged();
        return get(id);
    }

    private NodeRecord find(String id) {
        return store.node(id).orElseThrow(() -> notFound(id));
    }

    /** Reads and writes the node as one step ({@link dev.fastgpu.store.Store#updateNode}). */
    private void update(String id, UnaryOperator<NodeRecord> change) {
        store.updateNode(id, change).orElseThrow(() -> notFound(id));
    }

    private static ApiError notFound(String id) {
        return ApiError.notFound("no node with id '" + id + "'; list the nodes with `fastgpu nodes` (GET /api/v1/nodes)");
    }

    private static void requireAdmin(Principal who) {
        if (!who.isAdmin()) throw ApiError.forbidden("draining nodes needs an admin token; " + who.user() + " has a " + who.kind() + " token");
    }
}

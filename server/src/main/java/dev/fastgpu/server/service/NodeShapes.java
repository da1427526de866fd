package dev.fastgpu.server.service;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.Store;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The joined nodes' shapes for {@link ShapeCheck} at submission, kept in memory so that a
 * submission does not cost a read of every node. Whoever changes a node's shape (a join, a
 * heartbeat with a new GPU list) calls {@link #changed()}; the next check reads the nodes again.
 * A rejection is always confirmed against a fresh read, so a job is never turned away on old data.
 */
public final class NodeShapes {
    private final Store store;
    private final AtomicLong generation = new AtomicLong();
    private volatile Known known;

    private record Known(long generation, List<NodeRecord> nodes) {
    }

    public NodeShapes(Store store) {
        this.store = store;
    }

    /** Null when some known node shape could hold the request; otherwise why none can, in words. */
    public String whyNever(ResourceRequest r) {
        Known k = known;
        if (k == null || k.generation() != generation.get()) k = read();
        String why = ShapeCheck.whyNever(r, k.nodes());
        return why == null ? null : ShapeCheck.whyNever(r, read().nodes());
    }

    /** Grows with every {@link #changed()}: a caller that saw the same value twice knows no node joined in between. */
    public long generation() {
        return generation.get();
    }

    /** A node joined or its shape changed: the next check reads the nodes again. */
    public void changed() {
        generation.incrementAndGet();
    }

    private Known read() {
        long g = generation.get(); // taken before the read: a change during the read forces another one
        Known k = new Known(g, store.nodes());
        known = k;
        return k;
    }
}

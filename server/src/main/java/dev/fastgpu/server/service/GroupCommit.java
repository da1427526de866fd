package dev.fastgpu.server.service;

import dev.fastgpu.store.InsertResult;
import dev.fastgpu.store.NewJob;
import dev.fastgpu.store.Store;
import dev.fastgpu.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for submissions. Callers hand in new jobs and block; one writer thread takes
 * everything queued so far and stores it with one {@link Store#insertJobs} (one transaction, one
 * sync to disk), then answers each caller. No caller is answered before its job is durable. While
 * one batch syncs the next one fills up, so batches grow with load and no wait is ever added.
 *
 * <p>A batch is all or nothing in the store, so when one fails the writer retries its jobs one by
 * one: a single bad job fails only its own caller, and a broken disk fails every caller with the
 * store's error. Either way the writer carries on with the next batch.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private final Store store;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong jobs = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    private record Pending(NewJob job, CompletableFuture<InsertResult> done) {
    }

    public GroupCommit(Store store, int maxBatch) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        this.store = store;
        this.maxBatch = maxBatch;
        this.writer = Thread.ofPlatform().name("fastgpu-group-commit").daemon().start(this::run);
    }

    /**
     * Stores the job durably, together with whatever other submissions are waiting, and returns
     * its result once the batch is committed.
     *
     * @throws StoreException when the job could not be stored (nothing of it is stored then)
     */
    public InsertResult submit(NewJob job) {
        Pending p = new Pending(job, new CompletableFuture<>());
        if (closing) throw stopping();
        queue.add(p);
        if (closing && queue.remove(p)) throw stopping(); // the writer may already have left
        try {
            return p.done().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new StoreException("the job was not stored: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the commit; the job may or may not be stored", e);
        }
    }

    /** Batches committed so far (each one transaction, one sync). */
    public long batches() {
        return batches.get();
    }

    /** Jobs handed in and answered so far. */
    public long jobs() {
        return jobs.get();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            commit(batch);
            batch.clear();
        }
        for (Pending left; (left = queue.poll()) != null; ) left.done().completeExceptionally(stopping());
    }

    private void commit(List<Pending> batch) {
        try {
            List<InsertResult> results = store.insertJobs(batch.stream().map(Pending::job).toList());
            batches.incrementAndGet();
            jobs.addAndGet(batch.size());
            for (int i = 0; i < batch.size(); i++) batch.get(i).done().complete(results.get(i));
        } catch (RuntimeException | Error e) {
            if (batch.size() > 1) {
                LOG.warn("a batch of {} submissions failed ({}); retrying them one by one", batch.size(), e.toString());
                for (Pending p : batch) commit(List.of(p));
                return;
            }
            jobs.incrementAndGet();
            batch.getFirst().done().completeExceptionally(e instanceof StoreException s ? s
                    : new StoreException("the job was not stored: " + e, e));
        }
    }

    private static StoreException stopping() {
        return new StoreException("the server is stopping; the job was not stored, submit it again", null);
    }

    /** Commits what is already queued, then stops the writer; later submissions fail. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.fastgpu.agent;

import dev.fastgpu.agent.exec.JobOutcome;
import dev.fastgpu.agent.gpu.GpuSample;
import dev.fastgpu.agent.gpu.GpuSampler;
import dev.fastgpu.agent.logs.LogShipper;
import dev.fastgpu.agent.reconcile.Reconciler;
import dev.fastgpu.agent.reconcile.TrackedAllocation;
import dev.fastgpu.api.agent.Ack;
import dev.fastgpu.api.agent.AllocationAck;
import dev.fastgpu.api.agent.AllocationReport;
import dev.fastgpu.api.agent.GpuSamples;
import dev.fastgpu.api.agent.JobExited;
import dev.fastgpu.api.agent.JobStarted;
import dev.fastgpu.api.agent.LogChunk;
import dev.fastgpu.api.agent.LogChunks;
import dev.fastgpu.api.agent.ReportAcks;
import dev.fastgpu.api.agent.Reports;
import dev.fastgpu.api.client.FastGpuClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One round of reports to the server: each allocation's new output first, then the starts and ends
 * of all allocations in one batch (one transaction on the server, however many jobs started or
 * ended). An end is reported only once every byte of its output was acknowledged, so a follower of
 * the logs sees all of it. Anything that fails is simply tried again next round; every report is
 * safe to repeat.
 */
final class Reporter {
    private static final System.Logger LOG = System.getLogger(Reporter.class.getName());
    private static final int MAX_BATCHES_PER_ROUND = 32;
    /**
     * A job is sampled this long after it starts, not only at the next round of the sample interval: with
     * only the interval, a job shorter than it had no utilisation, memory or energy at all, and a longer one
     * had nothing for its first seconds. Sampling is never more frequent than this either.
     */
    static final Duration FIRST_SAMPLE_AFTER = Duration.ofSeconds(1);

    private final Reconciler reconciler;
    private final Supplier<FastGpuClient> client;
    private final Supplier<String> nodeId;
    private final Optional<GpuSampler> sampler;
    private final Duration sampleInterval;
    private final Clock clock;
    private Instant nextSample = Instant.MIN;
    private Instant lastSample = Instant.MIN;
    /** Running allocations sampled at least once. */
    private final Set<String> sampled = new HashSet<>();
    private final FailureLog failures;
    /** Requests made to the server this round. */
    private int calls;

    Reporter(Reconciler reconciler, Supplier<FastGpuClient> client, Supplier<String> nodeId, Optional<GpuSampler> sampler,
             Duration sampleInterval, Clock clock) {
        this.reconciler = reconciler;
        this.client = client;
        this.nodeId = nodeId;
        this.sampler = sampler;
        this.sampleInterval = sampleInterval;
        this.clock = clock;
        this.failures = FailureLog.of("reporting to the server", LOG, clock);
    }

    /** One round; false when some report failed (it is tried again next round). */
    boolean run() {
        FastGpuClient api = client.get();
        String failure = null;
        calls = 0;
        List<AllocationReport> items = new ArrayList<>();
        List<TrackedAllocation> about = new ArrayList<>();
        for (TrackedAllocation t : reconciler.tracked()) {
            if (t.exitReported()) continue;
            try {
                AllocationReport r = reportOf(api, t);
                if (r != null) {
                    items.add(r);
                    about.add(t);
                }
            } catch (IOException | RuntimeException e) {
                if (failure == null) failure = "output of allocation " + t.allocationId() + ": " + e.getMessage();
            }
        }
        if (!items.isEmpty()) {
            String sent = send(api, items, about);
            if (failure == null) failure = sent;
        }
        if (failure != null) failures.failed(failure);
        else if (calls > 0) failures.succeeded();
        sample();
        return failure == null;
    }

    /**
     * Ships the allocation's new output, then says what is left to report: its start (if not yet
     * reported) and its end (only once every byte of output was acknowledged). Null: nothing new.
     */
    private AllocationReport reportOf(FastGpuClient api, TrackedAllocation t) throws IOException {
        JobStarted started = t.job().isPresent() && !t.startReported()
                ? new JobStarted(t.job().get().pid(), t.job().get().startedAt()) : null;
        Optional<JobOutcome> outcome = t.outcome();
        boolean drained = t.logs().isEmpty() || shipLogs(api, t, t.logs().get(), outcome.isPresent());
        JobExited exited = null;
        if (outcome.isPresent() && drained) {
            JobOutcome o = outcome.get();
            Instant at = t.job().map(j -> j.endedAt()).orElse(t.createdAt());
            // For a plain exit the code or signal says it all; the server words it itself.
            String message = o.kind() == JobOutcome.Kind.EXITED && (o.exitCode() != null || o.signal() != null) ? null : o.message();
            Instant when = at == null ? clock.instant() : at;
            exited = o.kind() == JobOutcome.Kind.LOST ? JobExited.lost(o.message(), when)
                    : new JobExited(o.exitCode(), o.signal(), message, when);
        }
        return started == null && exited == null ? null : new AllocationReport(t.allocationId(), started, exited);
    }

    /** All starts and ends of this round in one request (one transaction on the server); why it failed, or null. */
    private String send(FastGpuClient api, List<AllocationReport> items, List<TrackedAllocation> about) {
        ReportAcks acks;
        try {
            calls++;
            acks = api.report(nodeId.get(), new Reports(items));
        } catch (RuntimeException e) {
            return items.size() + " starts and ends: " + e.getMessage();
        }
        for (int i = 0; i < items.size(); i++) {
            TrackedAllocation t = about.get(i);
            if (items.get(i).started() != null) t.markStartReported();
            if (items.get(i).exited() != null) t.markExitReported();
            AllocationAck ack = i < acks.items().size() ? acks.items().get(i) : null;
            if (ack != null) stopIfRejected(t, new Ack(ack.accepted(), ack.message()));
        }
        return null;
    }

    /** Ships output until none is left (true) or this round's share is used up (false). */
    private boolean shipLogs(FastGpuClient api, TrackedAllocation t, LogShipper logs, boolean processEnded) throws IOException {
        for (int i = 0; i < MAX_BATCHES_PER_ROUND; i++) {
            List<LogChunk> batch = logs.batch(processEnded);
            if (batch.isEmpty()) return true;
            calls++;
            Ack ack = api.shipLogs(t.allocationId(), new LogChunks(batch));
            logs.acknowledged(); // a rejected batch is not retried: the allocation is no longer current
            stopIfRejected(t, ack);
        }
        return false;
    }

    private void stopIfRejected(TrackedAllocation t, Ack ack) {
        if (ack != null && !ack.accepted()) {
            LOG.log(System.Logger.Level.INFO, "server no longer wants allocation " + t.allocationId() + ": " + ack.message());
            reconciler.stop(t.allocationId());
        }
    }

    private void sample() {
        if (sampler.isEmpty()) return;
        Instant at = clock.instant();
        List<TrackedAllocation> running = reconciler.running();
        if (!at.isBefore(nextSample)) nextSample = at.plus(sampleInterval);
        else if (!dueForFirstSample(running, at)) return;
        if (running.isEmpty()) return;
        lastSample = at;
        try {
            Map<Integer, GpuSample> now = sampler.get().sample();
            for (TrackedAllocation t : running) {
                sampled.add(t.allocationId());
                List<dev.fastgpu.api.agent.GpuSample> samples = new ArrayList<>();
                for (int index : t.launch().gpuIndices()) {
                    GpuSample s = now.get(index);
                    if (s == null || s.utilizationPct() < 0) continue;
                    samples.add(new dev.fastgpu.api.agent.GpuSample(at, index, s.utilizationPct(),
                            Math.max(0, s.memoryUsedMib()), Math.max(0, s.powerWatts())));
                }
                if (!samples.isEmpty()) client.get().shipSamples(t.allocationId(), new GpuSamples(samples));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sampling GPUs failed: " + e.getMessage());
        }
    }

    /** True when a running job started at least {@link #FIRST_SAMPLE_AFTER} ago and was never sampled. */
    private boolean dueForFirstSample(List<TrackedAllocation> running, Instant at) {
        Set<String> current = new HashSet<>();
        boolean due = false;
        for (TrackedAllocation t : running) {
            current.add(t.allocationId());
            if (sampled.contains(t.allocationId()) || t.job().isEmpty()) continue;
            if (!t.job().get().startedAt().plus(FIRST_SAMPLE_AFTER).isAfter(at)) due = true;
        }
        sampled.retainAll(current);
        return due && !lastSample.plus(FIRST_SAMPLE_AFTER).isAfter(at);
    }
}

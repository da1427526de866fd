package dev.fastgpu.agent;

import dev.fastgpu.agent.exec.JobOutcome;
import dev.fastgpu.agent.exec.RunningJob;
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
import java.util.HashMap;
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

    private final Reconciler reconciler;
    private final Supplier<FastGpuClient> client;
    private final Supplier<String> nodeId;
    private final Optional<GpuSampler> sampler;
    private final Duration sampleInterval;
    private final Clock clock;
    private Instant nextSample = Instant.MIN;
    /** Per allocation, the end of the span its last samples covered. */
    private final Map<String, Instant> sampledUntil = new HashMap<>();
    /** Ended allocations whose last samples were shipped. */
    private final Set<String> finalSampled = new HashSet<>();
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

    /**
     * One round; false when some report failed (it is tried again next round). Rounds never overlap:
     * the closing agent's last round may come while the report loop's is still running.
     */
    synchronized boolean run() {
        FastGpuClient api = client.get();
        calls = 0;
        String failure = sample(); // first: a job that just ended gets its last samples before its end is reported
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

    /**
     * Ships each job's GPU use since its last samples: every sample interval for running jobs, and once
     * more, up to its end, for a job that just ended (before its end is reported, so the finished job's
     * view has them). Each sample is the mean of the readings over its span (see {@link GpuSampler}).
     * Returns why shipping failed (tried again next round), or null.
     */
    private String sample() {
        if (sampler.isEmpty()) return null;
        String failure = null;
        GpuSampler gpus = sampler.get();
        gpus.ensureRunning();
        Instant now = clock.instant();
        boolean periodic = !now.isBefore(nextSample);
        if (periodic) nextSample = now.plus(sampleInterval);
        Set<String> current = new HashSet<>();
        for (TrackedAllocation t : reconciler.tracked()) {
            if (t.exitReported() || t.job().isEmpty()) continue;
            current.add(t.allocationId());
            RunningJob job = t.job().get();
            boolean ended = t.outcome().isPresent();
            if (finalSampled.contains(t.allocationId()) || !(periodic || ended)) continue;
            Instant from = sampledUntil.getOrDefault(t.allocationId(), job.startedAt().minusMillis(1));
            Instant to = ended && job.endedAt() != null ? job.endedAt() : now;
            List<dev.fastgpu.api.agent.GpuSample> samples = new ArrayList<>();
            for (int index : t.launch().gpuIndices()) {
                gpus.mean(index, from, to).ifPresent(w -> samples.add(new dev.fastgpu.api.agent.GpuSample(w.lastReading(), index,
                        w.mean().utilizationPct(), Math.max(0, w.mean().memoryUsedMib()), w.mean().powerWatts())));
            }
            try {
                if (!samples.isEmpty()) client.get().shipSamples(t.allocationId(), new GpuSamples(samples));
                sampledUntil.put(t.allocationId(), to);
                if (ended) finalSampled.add(t.allocationId());
            } catch (RuntimeException e) {
                if (failure == null) failure = "GPU samples of allocation " + t.allocationId() + ": " + e.getMessage();
            }
        }
        sampledUntil.keySet().retainAll(current);
        finalSampled.retainAll(current);
        return failure;
    }
}

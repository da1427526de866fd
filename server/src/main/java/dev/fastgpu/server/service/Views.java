package dev.fastgpu.server.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.fastgpu.api.AllocationView;
import dev.fastgpu.api.GpuView;
import dev.fastgpu.api.JobEventView;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.Json;
import dev.fastgpu.api.NodeView;
import dev.fastgpu.api.ReasonView;
import dev.fastgpu.model.Gpu;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.GpuSampleRecord;
import dev.fastgpu.store.JobEvent;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.Store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Turns stored records into API views (DTOs stay separate from domain and store types). */
public final class Views {
    private final Store store;
    private final Metering metering;
    private final Clock clock;
    private final WaitingJobs waiting;

    public Views(Store store, Metering metering, Clock clock, WaitingJobs waiting) {
        this.store = store;
        this.metering = metering;
        this.clock = clock;
        this.waiting = waiting;
    }

    /** A queued job's reason comes from the last scheduling pass (kept in memory); otherwise the stored one. */
    private ReasonView reason(JobRecord j) {
        ReasonView live = waiting.reason(j);
        if (live != null) return live;
        return j.reasonCode() == null ? null : new ReasonView(j.reasonCode(), j.reasonMessage());
    }

    public JobView job(JobRecord j) {
        List<AllocationRecord> allocs = store.allocationsOfJob(j.id());
        return view(j, spec(j), allocs, store.samples(j.id()));
    }

    /** The view of a job just stored: no allocations or samples yet, and the spec as normalised (no reads). */
    public JobView fresh(JobRecord j, JobSpec normalised) {
        return view(j, normalised, List.of(), List.of());
    }

    private JobView view(JobRecord j, JobSpec spec, List<AllocationRecord> allocs, List<GpuSampleRecord> samples) {
        List<AllocationView> av = allocs.stream().map(a -> new AllocationView(a.id(), a.nodeId(), a.gpuIndices(), a.gpuModel(),
                a.milliPerGpu(), a.state().name(), a.createdAt(), a.releasedAt())).toList();
        return new JobView(j.id(), j.name(), j.user(), j.project(), j.state(), spec, reason(j), waiting.position(j), j.attempt(), j.submittedAt(),
                j.startedAt(), j.finishedAt(), j.exitCode(), j.signal(), av,
                metering.usage(j, allocs, samples, clock.instant(), store::nodes));
    }

    public static JobSpec spec(JobRecord j) {
        try {
            return Json.lenient().readValue(j.specJson(), JobSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored spec of " + j.id() + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public static JobEventView event(JobEvent e) {
        return new JobEventView(e.seq(), e.at(), e.from(), e.to(), e.code(), e.message(), e.nodeId());
    }

    public NodeView node(NodeRecord n, List<AllocationRecord> live) {
        int[] milli = new int[n.gpus().size()];
        List<List<String>> jobsPerGpu = new ArrayList<>();
        n.gpus().forEach(g -> jobsPerGpu.add(new ArrayList<>()));
        TreeSet<String> jobIds = new TreeSet<>();
        for (AllocationRecord a : live) {
            if (!a.nodeId().equals(n.id())) continue;
            jobIds.add(a.jobId());
            for (int idx : a.gpuIndices()) {
                if (idx < milli.length) {
                    milli[idx] += a.milliPerGpu();
                    jobsPerGpu.get(idx).add(a.jobId());
                }
            }
        }
        List<GpuView> gpus = new ArrayList<>();
        for (Gpu g : n.gpus()) {
            gpus.add(new GpuView(g.index(), g.uuid(), g.model(), g.memoryMib(), milli[g.index()], List.copyOf(jobsPerGpu.get(g.index()))));
        }
        return new NodeView(n.id(), n.hostname(), n.state(), n.drained(), gpus, n.cpuMilli(), n.memoryMib(), n.labels(),
                n.joinedAt(), n.lastHeartbeatAt(), List.copyOf(jobIds));
    }
}

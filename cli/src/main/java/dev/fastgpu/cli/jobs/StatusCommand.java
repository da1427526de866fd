package dev.fastgpu.cli.jobs;

import dev.fastgpu.api.AllocationView;
import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.UsageView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.cli.config.ConnectionOptions;
import dev.fastgpu.cli.render.Formats;
import dev.fastgpu.cli.render.Output;
import dev.fastgpu.cli.render.Table;
import dev.fastgpu.model.JobState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fastgpu status JOB} */
@Command(name = "status", description = "Show one job: state, node, GPUs, queue position and why it waits, times, GPU-seconds, cost.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Mixin Output output;

    @Parameters(paramLabel = "JOB", description = "Job id.")
    String jobId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FastGpuClient client = connection.client();
        JobView j = client.job(jobId);
        if (output.json()) {
            Output.printJson(spec.commandLine().getOut(), j);
            return 0;
        }
        Instant now = Instant.now();
        AllocationView a = j.allocations() == null || j.allocations().isEmpty() ? null : j.allocations().getFirst();
        Table t = new Table("FIELD", "VALUE");
        t.row("id", j.id()).row("name", j.name()).row("user", j.user()).row("project", j.project()).row("state", j.state());
        if (j.reason() != null) t.row("reason", j.reason().message() + " [" + j.reason().code() + "]");
        if (j.state() == JobState.QUEUED) t.row("queue position", queuePosition(client, j));
        t.row("node", a == null ? null : a.nodeId());
        t.row("gpus", a == null ? null : Formats.ints(a.gpuIndices()) + (a.gpuModel() == null ? "" : " (" + a.gpuModel() + ")"));
        t.row("attempt", j.attempt());
        t.row("submitted", j.submittedAt() == null ? null : j.submittedAt() + " (" + Formats.ago(j.submittedAt(), now) + ")");
        t.row("started", j.startedAt());
        t.row("finished", j.finishedAt());
        if (j.startedAt() != null) {
            t.row("run time", Formats.runTime(Duration.between(j.startedAt(), j.finishedAt() == null ? now : j.finishedAt())));
        }
        if (j.exitCode() != null || j.signal() != null) t.row("exit", j.exitCode() != null ? "code " + j.exitCode() : j.signal());
        UsageView u = j.usage();
        if (u != null) {
            t.row("gpu-seconds", Formats.number(u.gpuSeconds(), 1));
            t.row("cost", Formats.money(u.costUsd()) + " at " + Formats.money(u.pricePerGpuHourUsd())
                    + (u.maxPricePerGpuHourUsd() == null ? "/GPU-hour"
                    : " to " + Formats.money(u.maxPricePerGpuHourUsd()) + "/GPU-hour (by the GPU model it gets)"));
            if (u.avgGpuUtilPercent() != null) t.row("avg gpu util", Formats.number(u.avgGpuUtilPercent(), 1) + "%");
            if (u.peakGpuMemoryMib() != null) t.row("peak gpu memory", u.peakGpuMemoryMib() + " MiB");
            if (u.energyKwh() != null) t.row("energy", Formats.number(u.energyKwh(), 4) + " kWh");
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }

    /**
     * The server's {@code queuePosition} (the scheduler's own order, as of its last pass) out of the
     * queued jobs. A server too old to send one: worked out here from the queued jobs in the
     * scheduler's base order (higher priority first, then earlier submission); policies such as
     * backfill may still start a later job first, which is why the reason line matters more.
     */
    static String queuePosition(FastGpuClient client, JobView job) {
        if (job.queuePosition() != null) return job.queuePosition() + " of " + client.health().jobsQueued() + " (the scheduler's queue order)";
        List<JobView> queued = client.jobs(JobQuery.all().withStates(JobState.QUEUED).withLimit(1000)).items().stream()
                .sorted(Comparator.comparingInt((JobView v) -> -priority(v)).thenComparing(JobView::submittedAt)
                        .thenComparing(JobView::id))
                .toList();
        int pos = 0;
        for (int i = 0; i < queued.size(); i++) if (queued.get(i).id().equals(job.id())) pos = i + 1;
        return pos == 0 ? "-" : pos + " of " + queued.size() + " (by priority, then submit time)";
    }

    private static int priority(JobView v) {
        return v.spec() == null || v.spec().priority() == null ? 0 : v.spec().priority();
    }
}

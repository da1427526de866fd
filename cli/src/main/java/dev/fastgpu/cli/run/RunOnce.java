package dev.fastgpu.cli.run;

import dev.fastgpu.agent.exec.JobWorkspace;
import dev.fastgpu.api.AllocationView;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.UsageView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.cli.jobs.JobWaiter;
import dev.fastgpu.model.JobState;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code fastgpu up --run FILE}: submits one job to the server that was just started, follows its
 * output, then prints what it produced (the files of its output directory), its GPU-seconds and cost.
 */
final class RunOnce {
    /** Output files up to this size are printed whole; larger ones are listed. */
    private static final long PRINT_LIMIT_BYTES = 4096;

    private final UpCommand.Running up;
    private final Path agentDataDir;
    private final PrintWriter out;

    RunOnce(UpCommand.Running up, Path agentDataDir, PrintWriter out) {
        this.up = up;
        this.agentDataDir = agentDataDir;
        this.out = out;
    }

    int run(Path jobFile, JobSpec spec) throws IOException {
        try (FastGpuClient client = new FastGpuClient(up.url(), up.token())) {
            return run(client, jobFile, spec);
        }
    }

    private int run(FastGpuClient client, Path jobFile, JobSpec spec) throws IOException {
        JobView job = client.submit(spec, UUID.randomUUID().toString());
        out.println("submitted " + jobFile + " as job " + job.id() + "; its output follows");
        out.println("----");
        out.flush();
        JobView done = JobWaiter.followToEnd(client, job.id(), out);
        out.println("----");
        out.println("job " + done.id() + " " + done.state()
                + (done.exitCode() != null ? " (exit code " + done.exitCode() + ")" : "")
                + (done.signal() != null ? " (signal " + done.signal() + ")" : "")
                + (done.reason() != null && done.state() != JobState.SUCCEEDED ? ": " + done.reason().message() : ""));
        printResults(done);
        printUsage(done.usage());
        out.flush();
        return JobWaiter.exitCodeOf(done);
    }

    private void printResults(JobView job) throws IOException {
        List<AllocationView> allocations = job.allocations() == null ? List.of() : job.allocations();
        if (allocations.isEmpty()) return;
        AllocationView last = allocations.get(allocations.size() - 1);
        Path outputDir = JobWorkspace.of(agentDataDir, job.id(), last.allocationId()).outputDir();
        if (!Files.isDirectory(outputDir)) return;
        List<Path> files;
        try (Stream<Path> s = Files.walk(outputDir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        out.println("results in " + outputDir + (files.isEmpty() ? ": none" : ":"));
        for (Path f : files) {
            long size = Files.size(f);
            out.println("  " + outputDir.relativize(f) + " (" + size + " bytes)");
            if (size <= PRINT_LIMIT_BYTES) {
                for (String line : Files.readString(f, StandardCharsets.UTF_8).split("\n")) out.println("    " + line);
            }
        }
    }

    private void printUsage(UsageView u) {
        if (u == null) return;
        out.println(String.format(Locale.ROOT, "GPU-seconds: %.2f   wall time: %.2f s   cost: $%.6f (at $%.2f per GPU-hour)",
                u.gpuSeconds(), u.wallSeconds(), u.costUsd(), u.pricePerGpuHourUsd()));
    }
}

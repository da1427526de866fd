package dev.fastgpu.cli.jobs;

import dev.fastgpu.api.AllocationView;
import dev.fastgpu.api.JobPage;
import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobView;
import dev.fastgpu.cli.config.ConnectionOptions;
import dev.fastgpu.cli.render.Formats;
import dev.fastgpu.cli.render.Output;
import dev.fastgpu.cli.render.Table;
import dev.fastgpu.model.JobState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fastgpu list} */
@Command(name = "list", aliases = "ls", description = "List jobs, newest first.")
public final class ListCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Mixin Output output;

    @Option(names = "--state", split = ",", paramLabel = "STATE", description = "Only these states, e.g. QUEUED,RUNNING.")
    List<JobState> states;

    @Option(names = "--user", paramLabel = "USER", description = "Only jobs of this user.")
    String user;

    @Option(names = "--name", paramLabel = "NAME", description = "Only jobs with this name.")
    String name;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue a listing where the previous page ended.")
    String cursor;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs (default ${DEFAULT-VALUE}).")
    int limit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JobQuery q = JobQuery.all().withLimit(limit);
        if (states != null && !states.isEmpty()) q = q.withStates(states.toArray(JobState[]::new));
        if (user != null) q = q.withUser(user);
        if (name != null) q = q.withName(name);
        if (cursor != null) q = q.withCursor(cursor);
        JobPage page = connection.client().jobs(q);
        if (output.json()) {
            Output.printJson(spec.commandLine().getOut(), page);
            return 0;
        }
        Instant now = Instant.now();
        // GPUS is how many the job asked for; NODE:GPUS where it holds them (GPU indices; a gang, one per node)
        Table t = new Table("ID", "NAME", "STATE", "GPUS", "NODE:GPUS", "SUBMITTED", "REASON");
        for (JobView j : page.items()) {
            t.row(j.id(), j.name(), j.state(), j.spec() == null ? null : j.spec().gpus(), where(j.allocations()),
                    Formats.ago(j.submittedAt(), now), j.reason() == null ? null : j.reason().message());
        }
        t.print(spec.commandLine().getOut());
        if (page.nextCursor() != null) {
            spec.commandLine().getOut().println("more: fastgpu list --cursor " + page.nextCursor() + " (same filters)");
        }
        return 0;
    }

    /** {@code node:0,1} per allocation, space-separated; null when the job holds nothing. */
    static String where(List<AllocationView> allocations) {
        if (allocations == null || allocations.isEmpty()) return null;
        StringBuilder out = new StringBuilder();
        for (AllocationView a : allocations) {
            if (!out.isEmpty()) out.append(' ');
            out.append(a.nodeId()).append(':').append(Formats.ints(a.gpuIndices()));
        }
        return out.toString();
    }
}

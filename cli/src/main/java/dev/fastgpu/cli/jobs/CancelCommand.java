package dev.fastgpu.cli.jobs;

import dev.fastgpu.api.JobView;
import dev.fastgpu.cli.config.ConnectionOptions;
import dev.fastgpu.cli.render.Output;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code fastgpu cancel JOB} */
@Command(name = "cancel", description = "Cancel a job; a running job's whole process tree is stopped (SIGTERM, then SIGKILL).")
public final class CancelCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Mixin Output output;

    @Parameters(paramLabel = "JOB", description = "Job id.")
    String jobId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JobView j = connection.client().cancel(jobId);
        if (output.json()) Output.printJson(spec.commandLine().getOut(), j);
        else {
            spec.commandLine().getOut().println(j.id() + " " + j.state());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}

package dev.fastgpu.cli.jobs;

import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.cli.config.ConnectionOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code fastgpu logs [-f] [--tail N] JOB} */
@Command(name = "logs", description = "Print a job's output (stdout and stderr in arrival order); -f follows it until the job ends.")
public final class LogsCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the job has ended.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
    Integer tail;

    @Parameters(paramLabel = "JOB", description = "Job id.")
    String jobId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FastGpuClient client = connection.client();
        PrintWriter out = spec.commandLine().getOut();
        if (follow) {
            client.followLogs(jobId, tail, text -> {
                out.print(text);
                out.flush();
            });
        } else {
            String text = client.logs(jobId, tail);
            out.print(text);
            out.flush();
            if (text.isEmpty()) {
                var job = client.job(jobId);
                if (job.startedAt() == null && !job.state().isTerminal()) { // say why there is nothing, on stderr
                    spec.commandLine().getErr().println("fastgpu logs: " + jobId + " has not started yet (" + job.state()
                            + "); 'fastgpu logs -f " + jobId + "' waits for its output");
                    spec.commandLine().getErr().flush();
                }
            }
        }
        return 0;
    }
}

package dev.fastgpu.cli.jobs;

import dev.fastgpu.api.JobView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.cli.config.ConnectionOptions;
import dev.fastgpu.cli.render.Output;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code fastgpu submit [flags] [-f job.yaml] [--wait] -- COMMAND...} */
@Command(name = "submit", description = "Submit a job; prints its id. With --wait, follows its output and exits with its exit code.")
public final class SubmitCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Mixin Output output;
    @Mixin JobSpecOptions job;

    @Option(names = "--wait", description = "Follow the job's output until it ends; exit with the job's exit code.")
    boolean await;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command to run (after --).")
    List<String> command;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FastGpuClient client = connection.client();
        // A fresh key per invocation: if this request is retried, the server still creates one job.
        JobView submitted = client.submit(job.toSpec(command), UUID.randomUUID().toString());
        PrintWriter out = spec.commandLine().getOut();
        if (output.json() && !await) {
            Output.printJson(out, submitted);
            return 0;
        }
        out.println(submitted.id());
        out.flush();
        if (!await) return 0;
        JobView done = followUntilItEnds(client, submitted.id(), out);
        if (output.json()) Output.printJson(out, done);
        else if (done.state() != dev.fastgpu.model.JobState.SUCCEEDED) {
            spec.commandLine().getErr().println("job " + done.id() + " " + done.state()
                    + (done.reason() != null ? ": " + done.reason().message() : ""));
            spec.commandLine().getErr().flush();
        }
        return JobWaiter.exitCodeOf(done);
    }

    /**
     * Follows the job to its end. Stopping the CLI meanwhile (Ctrl-C, SIGTERM) does not stop the job,
     * so the user is told that it keeps running and how to follow or cancel it.
     */
    private JobView followUntilItEnds(FastGpuClient client, String id, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        Thread hint = new Thread(() -> {
            err.println("fastgpu submit: stopped following; job " + id + " keeps running ('fastgpu logs -f " + id
                    + "' follows it again, 'fastgpu cancel " + id + "' stops it)");
            err.flush();
        });
        Runtime.getRuntime().addShutdownHook(hint);
        try {
            return JobWaiter.followToEnd(client, id, out);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hint);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the CLI is being stopped
            }
        }
    }
}

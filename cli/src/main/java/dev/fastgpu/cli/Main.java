package dev.fastgpu.cli;

import dev.fastgpu.api.client.ApiException;
import dev.fastgpu.cli.jobs.CancelCommand;
import dev.fastgpu.cli.jobs.ListCommand;
import dev.fastgpu.cli.jobs.LogsCommand;
import dev.fastgpu.cli.jobs.PlanCommand;
import dev.fastgpu.cli.jobs.StatusCommand;
import dev.fastgpu.cli.jobs.SubmitCommand;
import dev.fastgpu.cli.nodes.NodesCommand;
import dev.fastgpu.cli.run.AgentCommand;
import dev.fastgpu.cli.run.UpCommand;
import dev.fastgpu.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;
import java.util.Map;

/** Entry point of the {@code fastgpu} command; every subcommand is registered here. */
@Command(name = "fastgpu", mixinStandardHelpOptions = true, version = "FastGPU 0.1.0",
        scope = CommandLine.ScopeType.INHERIT, // every subcommand has --help (and --version) too
        description = "A self-hosted GPU cloud: queue, place, run and meter GPU jobs.",
        subcommands = {CommandLine.HelpCommand.class,
                SubmitCommand.class, ListCommand.class, StatusCommand.class, LogsCommand.class, CancelCommand.class,
                NodesCommand.class, PlanCommand.class,
                ServerCommand.class, AgentCommand.class, UpCommand.class, dev.fastgpu.sim.cli.SimCommand.class,
                dev.fastgpu.cli.run.TrainCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    public Main() {
        this(System.getenv());
    }

    /** @param env the environment the commands read (tests pass their own instead of the process's) */
    public Main(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = new CommandLine(new Main(env));
        cl.setExecutionExceptionHandler(Main::handle);
        return cl;
    }

    /** The environment of the {@code fastgpu} command a subcommand (or one of its mixins) belongs to. */
    public static Map<String, String> environment(CommandLine.Model.CommandSpec anySpec) {
        return anySpec.root().userObject() instanceof Main m ? m.env : System.getenv();
    }

    /** Errors a user can act on are one line on stderr, not a stack trace. */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        String message = switch (e) {
            case ApiException api -> api.problem().detail() != null ? api.problem().detail() : api.getMessage();
            case UncheckedIOException io -> io.getMessage();
            case IllegalArgumentException bad -> bad.getMessage();
            case IllegalStateException bad -> bad.getMessage();
            default -> null;
        };
        if (message == null) throw new RuntimeException(e);
        cl.getErr().println("fastgpu " + cl.getCommandName() + ": " + message);
        cl.getErr().flush();
        return e instanceof ApiException api && api.status() == 404 ? 3 : 1;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

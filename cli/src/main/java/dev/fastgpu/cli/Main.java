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
        description = "A self-hosted GPU cloud: queue, place, run and meter GPU jobs.")
public final class Main implements Runnable {

    /**
     * Every subcommand, by each name it answers to, in the order the help lists them (a test checks
     * the names against the commands' own annotations).
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            "help", CommandLine.HelpCommand.class,
            "submit", SubmitCommand.class, "list", ListCommand.class, "ls", ListCommand.class,
            "status", StatusCommand.class, "logs", LogsCommand.class, "cancel", CancelCommand.class,
            "nodes", NodesCommand.class, "plan", PlanCommand.class,
            "server", ServerCommand.class, "agent", AgentCommand.class, "up", UpCommand.class,
            "sim", dev.fastgpu.sim.cli.SimCommand.class);

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

    /** The whole command tree. */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, new String[0]);
    }

    /**
     * The command tree for these arguments: when they start with a subcommand's name only that
     * subcommand is built (picocli reads every command's annotations by reflection, and building all
     * of them took about a third of a CLI start); otherwise (help, a typo, no arguments) all of them.
     */
    static CommandLine commandLine(Map<String, String> env, String[] args) {
        Class<?> only = args.length > 0 && !"help".equals(args[0]) ? SUBCOMMANDS.get(args[0]) : null;
        CommandLine cl = new CommandLine(new Main(env));
        new java.util.LinkedHashSet<>(SUBCOMMANDS.values()).forEach(c -> {
            if (only == null || c == only) cl.addSubcommand(c);
        });
        cl.setExecutionExceptionHandler(Main::handle);
        return cl;
    }

    private static Map<String, Class<?>> subcommands(Object... nameThenClass) {
        Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
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
        System.exit(commandLine(System.getenv(), args).execute(args));
    }
}

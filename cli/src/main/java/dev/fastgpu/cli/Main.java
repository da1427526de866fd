package dev.fastgpu.cli;

import dev.fastgpu.api.client.ApiException;
import dev.fastgpu.cli.config.ConnectionOptions;
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
import java.util.List;
import java.util.Map;

/** Entry point of the {@code fastgpu} command; every subcommand is registered here. */
@Command(name = "fastgpu", mixinStandardHelpOptions = true, version = "FastGPU 0.1.0",
        scope = CommandLine.ScopeType.INHERIT, // every subcommand has --help (and --version) too
        description = "A self-hosted GPU cloud: queue, place, run and meter GPU jobs.")
public final class Main implements Runnable {
    /** Every subcommand, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class,
            SubmitCommand.class, ListCommand.class, StatusCommand.class, LogsCommand.class, CancelCommand.class,
            NodesCommand.class, PlanCommand.class,
            ServerCommand.class, AgentCommand.class, UpCommand.class, dev.fastgpu.sim.cli.SimCommand.class,
            dev.fastgpu.cli.run.TrainCommand.class);

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

    /** The {@code fastgpu} command with every subcommand. */
    public static CommandLine commandLine(Map<String, String> env) {
        return build(env, null);
    }

    /**
     * The {@code fastgpu} command for running {@code args}: when they start with a subcommand's name,
     * only that subcommand is set up. Picocli reads every registered command's options through
     * reflection before it parses anything, which cost about 0.1 s of each CLI process for commands
     * it was not going to run. Anything else (no argument, an option, {@code help}, a typo) gets
     * every subcommand, so the help and the "did you mean" hints list them all.
     */
    public static CommandLine commandLine(Map<String, String> env, String... args) {
        String first = args.length == 0 ? "" : args[0];
        if (first.equals("help")) return build(env, null);
        for (Class<?> c : SUBCOMMANDS) if (names(c).contains(first)) return build(env, first);
        return build(env, null);
    }

    private static CommandLine build(Map<String, String> env, String only) {
        CommandLine cl = new CommandLine(new Main(env));
        for (Class<?> c : SUBCOMMANDS) {
            if (only == null || names(c).contains(only)) cl.addSubcommand(c);
        }
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler(Main::badArguments);
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --state queued as well as QUEUED
        return cl;
    }

    /** A subcommand's name and aliases, read from its annotation (picocli builds nothing for it). */
    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new java.util.ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
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
            case java.nio.file.NoSuchFileException missing -> "no such file: " + missing.getFile();
            case java.io.IOException io -> io.getMessage(); // files the command reads or writes: the message names them
            case IllegalArgumentException bad -> bad.getMessage();
            case IllegalStateException bad -> bad.getMessage();
            default -> null;
        };
        if (message == null) throw new RuntimeException(e);
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + message);
        cl.getErr().flush();
        return e instanceof ApiException api && api.status() == 404 ? 3 : 1;
    }

    /**
     * A flag or argument picocli could not take: one line saying what was wrong, "did you mean"
     * hints for a mistyped command or option, and where the usage is, instead of the whole usage.
     */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        java.io.PrintWriter err = cl.getErr();
        err.println(name + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + name + " --help' for its options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    public static void main(String[] args) {
        System.exit(ConnectionOptions.closeOnExit(() -> commandLine(System.getenv(), args).execute(args)));
    }
}

package dev.fastgpu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code fastgpu} command; every subcommand is registered here. */
@Command(name = "fastgpu", mixinStandardHelpOptions = true, version = "FastGPU 0.1.0",
        description = "A self-hosted GPU cloud: queue, place, run and meter GPU jobs.",
        subcommands = {CommandLine.HelpCommand.class, dev.fastgpu.sim.cli.SimCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

package dev.fastgpu.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fastgpu sim}: what-if replays through the real scheduler core. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Replay traces through FastGPU's scheduler on a virtual clock, or run the packing protocol.",
        subcommands = {ReplayCommand.class, PackCommand.class})
public final class SimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

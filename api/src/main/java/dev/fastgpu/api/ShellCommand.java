package dev.fastgpu.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one rule for a job's {@code command}: a single string with whitespace or shell syntax in it
 * (as a job script would have it, {@code "python train.py > log"}) is a shell command line and runs
 * as {@code /bin/sh -c STRING}; anything else is a program and its arguments, run as given. The
 * server applies it when it accepts a spec (so the stored spec shows what will run) and the agent
 * applies it again to what it is assigned (a no-op then).
 */
public final class ShellCommand {
    private static final Pattern SHELL = Pattern.compile("(?s).*[\\s;&|<>$`'\"*?(){}\\[\\]~].*");

    private ShellCommand() {}

    public static List<String> argv(List<String> command) {
        if (command != null && command.size() == 1 && SHELL.matcher(command.getFirst().strip()).matches()) {
            return List.of("/bin/sh", "-c", command.getFirst());
        }
        return command;
    }
}

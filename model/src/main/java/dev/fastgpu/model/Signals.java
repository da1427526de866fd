package dev.fastgpu.model;

import java.util.OptionalInt;

/**
 * Linux signal numbers and names, as jobs report them ("killed by SIGKILL") and as shells turn them
 * into exit codes (128 + the number). One table for the agent, which names the signal that ended a
 * job, and the CLI, which exits with the code a shell would have given.
 */
public final class Signals {
    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    private Signals() {}

    /** "SIGKILL" for 9; "SIG40" for a number without a name here. */
    public static String name(int number) {
        return number > 0 && number < NAMES.length ? NAMES[number] : "SIG" + number;
    }

    /** 9 for "SIGKILL" (or "SIG9"); empty for a name this table does not know. */
    public static OptionalInt number(String name) {
        if (name == null) return OptionalInt.empty();
        for (int i = 1; i < NAMES.length; i++) if (NAMES[i].equals(name)) return OptionalInt.of(i);
        if (name.startsWith("SIG")) {
            try {
                int n = Integer.parseInt(name.substring(3));
                if (n > 0 && n <= 64) return OptionalInt.of(n);
            } catch (NumberFormatException e) {
                // not a number either
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The JDK reports a process killed by signal N as exit value 128+N, the same convention shells
     * use, so an exit value in 129..192 is read as a signal; null otherwise.
     */
    public static Integer ofExitValue(int exitValue) {
        return exitValue > 128 && exitValue <= 128 + 64 ? exitValue - 128 : null;
    }
}

package dev.fastgpu.agent.exec;

/** Signal numbers and names as Linux numbers them, for reports ("killed by SIGKILL"). */
final class Signals {
    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    private Signals() {}

    static String name(int number) {
        return number > 0 && number < NAMES.length ? NAMES[number] : "SIG" + number;
    }

    /**
     * The JDK reports a process killed by signal N as exit value 128+N, the same convention shells use,
     * so an exit value in 129..192 is read as a signal.
     */
    static Integer signalOf(int exitValue) {
        return exitValue > 128 && exitValue <= 128 + 64 ? exitValue - 128 : null;
    }
}

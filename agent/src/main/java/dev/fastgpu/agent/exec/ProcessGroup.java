package dev.fastgpu.agent.exec;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signals a whole process group. The job's main process was started through {@code setsid}, so its
 * pid is also its process group id, and every child it forks stays in that group unless it calls
 * setsid itself.
 */
final class ProcessGroup {
    private final long pgid;

    ProcessGroup(long pgid) {
        this.pgid = pgid;
    }

    /** Sends {@code signal} ("TERM", "KILL") to every process of the group; false when none was left. */
    boolean signal(String signal) {
        if (pgid <= 1) return false; // -1 would mean every process this user may signal
        if (LibcKill.available()) return LibcKill.kill(-pgid, number(signal));
        return signalWithProgram(signal);
    }

    /**
     * Sends {@code signal} to the leader alone. Needed in the moment after a start, before the
     * {@code setsid} program has made the new process the leader of its own group.
     */
    boolean signalLeader(String signal) {
        if (pgid <= 1) return false;
        if (LibcKill.available()) return LibcKill.kill(pgid, number(signal));
        return ProcessHandle.of(pgid).map(h -> signal.equals("KILL") ? h.destroyForcibly() : h.destroy()).orElse(false);
    }

    private static int number(String signal) {
        return switch (signal) {
            case "TERM" -> 15;
            case "KILL" -> 9;
            default -> throw new IllegalArgumentException("unsupported signal " + signal);
        };
    }

    /** The same through the {@code kill} program, where the foreign function API is not available. */
    private boolean signalWithProgram(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills processes that left the group (a child that called setsid) but are still descendants. */
    static void killAll(List<ProcessHandle> handles) {
        for (ProcessHandle h : handles) {
            if (h.isAlive()) h.destroyForcibly();
        }
    }
}

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

    long id() {
        return pgid;
    }

    /** Sends {@code signal} ("TERM", "KILL") to every process of the group; false when none was left. */
    boolean signal(String signal) {
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

package dev.fastgpu.agent.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. A killed process stays a zombie until its parent (for an orphan:
 * init, which in containers may reap only every few seconds) collects it, and
 * {@code ProcessHandle.isAlive()} counts zombies as alive; {@code /proc/PID/stat} tells them apart.
 */
public final class Processes {
    private Processes() {}

    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}

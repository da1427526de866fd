package dev.fastgpu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Processes of the tests: whether one still runs, and the {@code fastgpu} CLI in a JVM of its own. */
final class Processes {
    private Processes() {}

    /**
     * {@code fastgpu ARGS} in a JVM of its own, on this JVM's class path, with {@code env} added and
     * its output in {@code log}; returns once the log contains {@code ready} (a minute at most).
     */
    static Process startCli(Path log, String ready, Map<String, String> env, List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains(ready)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("fastgpu " + String.join(" ", args) + " did not get ready:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return p;
    }

    /** Whether a process still runs; a killed one waiting as a zombie for init to reap it does not count. */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}

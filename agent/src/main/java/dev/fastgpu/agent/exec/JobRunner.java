package dev.fastgpu.agent.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts jobs: each in its own workspace, as the leader of its own process group (via {@code setsid}),
 * with stdout and stderr going straight to files so nothing is lost if the agent is slow or restarts.
 */
public final class JobRunner {
    private final Path dataDir;
    private final String nodeName;
    private final Duration grace;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    public JobRunner(Path dataDir, String nodeName, Duration grace, ScheduledExecutorService timer, Clock clock) {
        this.dataDir = dataDir;
        this.nodeName = nodeName;
        this.grace = grace;
        this.timer = timer;
        this.clock = clock;
    }

    public JobWorkspace workspaceOf(JobLaunch launch) {
        return JobWorkspace.of(dataDir, launch.jobId(), launch.allocationId());
    }

    /** Starts the job; throws IOException when the process cannot be started (missing command, no permission). */
    public RunningJob start(JobLaunch launch) throws IOException {
        requireExecutable(launch.command().getFirst());
        JobWorkspace ws = workspaceOf(launch);
        ws.create();
        List<String> argv = new ArrayList<>();
        // setsid execs in place (a JVM child is never a group leader), so the Process's pid is the group id.
        argv.add("setsid");
        argv.add("--");
        argv.addAll(launch.command());
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(ws.workDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(ws.stdout().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(ws.stderr().toFile()));
        JobEnvironment.apply(pb.environment(), launch, ws, nodeName);
        Process process = pb.start();
        Files.writeString(ws.pgidFile(), Long.toString(process.pid()));
        return new RunningJob(launch, ws, process, clock, grace, timer);
    }

    /**
     * Stops a job a previous agent process started and left running (its workspace records the group id).
     * Returns true when such a group was found and signalled.
     */
    public boolean stopOrphan(JobWorkspace ws) {
        try {
            if (!Files.exists(ws.pgidFile())) return false;
            long pgid = Long.parseLong(Files.readString(ws.pgidFile()).strip());
            ProcessGroup group = new ProcessGroup(pgid);
            if (group.signal("KILL")) return true;
            // A process started a moment ago may not lead its group yet; kill it alone, but only if it
            // provably is this job (its working directory is the job's), never a stranger that got the pid.
            return runsIn(pgid, ws.workDir()) && group.signalLeader("KILL");
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean runsIn(long pid, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).equals(dir.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** setsid would report a missing program only as exit code 1; say what is wrong before starting. */
    private static void requireExecutable(String program) throws IOException {
        if (program.contains("/")) {
            if (!Files.isExecutable(Path.of(program))) throw new IOException("cannot run '" + program + "': no such executable file");
            return;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return;
        }
        throw new IOException("cannot run '" + program + "': not found on the agent's PATH (" + path + ")");
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}

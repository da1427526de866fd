package dev.fastgpu.agent.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts jobs: each in its own workspace, as the leader of its own process group ({@link NativeSpawn},
 * or {@code setsid} where that is not available),
 * with stdout and stderr going straight to files so nothing is lost if the agent is slow or restarts.
 */
public final class JobRunner {
    private final Path dataDir;
    private final String nodeName;
    private final Duration grace;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Optional<NativeSpawn> spawn;

    public JobRunner(Path dataDir, String nodeName, Duration grace, ScheduledExecutorService timer, Clock clock) {
        this(dataDir, nodeName, grace, timer, clock, NativeSpawn.load());
    }

    /** {@code spawn} empty: start jobs with {@link ProcessBuilder} and {@code setsid} (where native spawning is missing, and in tests). */
    JobRunner(Path dataDir, String nodeName, Duration grace, ScheduledExecutorService timer, Clock clock, Optional<NativeSpawn> spawn) {
        this.dataDir = dataDir;
        this.nodeName = nodeName;
        this.grace = grace;
        this.timer = timer;
        this.clock = clock;
        this.spawn = spawn;
    }

    public JobWorkspace workspaceOf(JobLaunch launch) {
        return JobWorkspace.of(dataDir, launch.jobId(), launch.allocationId());
    }

    /**
     * Where the job runs: the launch's {@code workdir} when it gives one, else the allocation's own
     * work directory.
     */
    public Path workingDirectory(JobLaunch launch) {
        try {
            return launch.workdir() != null ? Path.of(launch.workdir()) : workspaceOf(launch).workDir();
        } catch (java.nio.file.InvalidPathException e) {
            return workspaceOf(launch).workDir(); // such a job never started
        }
    }

    /**
     * Starts the job; throws IOException when the process cannot be started (missing command, no
     * permission, a workdir that is not an existing directory).
     */
    public RunningJob start(JobLaunch launch) throws IOException {
        Path cwd = requireWorkdir(launch);
        JobWorkspace ws = workspaceOf(launch);
        Map<String, String> env = new HashMap<>(System.getenv());
        JobEnvironment.apply(env, launch, ws, cwd, nodeName);
        // Found as the job would find it (its PATH, its directory); said clearly here, before anything exists.
        Path program = Executables.resolve(launch.command().getFirst(), env.get("PATH"), cwd);
        ws.create();
        JobProcess process = spawn.isPresent()
                ? JobProcess.Spawned.watch(spawn.get(), spawn.get().spawn(program, launch.command(), env, cwd, ws.stdout(), ws.stderr()))
                : startThroughSetsid(program, launch.command(), env, cwd, ws);
        Files.writeString(ws.pgidFile(), Long.toString(process.pid()));
        return new RunningJob(launch, ws, process, clock, grace, timer);
    }

    /** Where {@link NativeSpawn} is not available: {@link ProcessBuilder} and the {@code setsid} program. */
    private static JobProcess startThroughSetsid(Path program, List<String> command, Map<String, String> env, Path cwd, JobWorkspace ws)
            throws IOException {
        List<String> argv = new ArrayList<>();
        // setsid execs in place (a JVM child is never a group leader), so the Process's pid is the group id.
        argv.add("setsid");
        argv.add("--");
        argv.add(program.toString());
        argv.addAll(command.subList(1, command.size()));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(ws.stdout().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(ws.stderr().toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        return new JobProcess.Forked(pb.start());
    }

    /**
     * Stops a job a previous agent process started and left running (its workspace records the group id).
     * Returns true when such a group was found and signalled.
     */
    public boolean stopOrphan(JobWorkspace ws, Path workingDirectory) {
        try {
            if (!Files.exists(ws.pgidFile())) return false;
            long pgid = Long.parseLong(Files.readString(ws.pgidFile()).strip());
            ProcessGroup group = new ProcessGroup(pgid);
            if (group.signal("KILL")) return true;
            // A process started a moment ago may not lead its group yet; kill it alone, but only if it
            // provably is this job (its working directory is the job's), never a stranger that got the pid.
            return runsIn(pgid, workingDirectory) && group.signalLeader("KILL");
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * Kills every job process group that an earlier agent process on this data directory left
     * running; for a new agent process, before it joins. The server may no longer assign such a job
     * here (it may have re-queued it elsewhere after the node went quiet), so the assignment set
     * cannot be relied on to name it, and left alone it would run twice, sharing this node's GPUs
     * with whatever the server places here now. A group is killed only if it is the one its job's
     * workspace records and one of its processes carries that job's own {@code FASTGPU_OUTPUT_DIR}
     * in its environment, never a stranger that got a recycled group id. It looks at the live
     * processes, not at every workspace the directory has kept: start-up costs the same however many
     * jobs ran here before. Returns the job directories whose groups were killed.
     */
    public List<Path> stopLeftovers() {
        Path jobs = dataDir.resolve("jobs");
        if (!Files.isDirectory(jobs)) return List.of();
        String prefix = OUTPUT_VARIABLE + jobs.toAbsolutePath() + java.io.File.separator;
        List<Path> killed = new ArrayList<>();
        processGroups().forEach((pgid, members) -> {
            if (pgid <= 1) return;
            for (long pid : members) {
                JobWorkspace ws = leftBy(pid, prefix, jobs, pgid);
                if (ws != null) {
                    if (new ProcessGroup(pgid).signal("KILL")) killed.add(ws.root());
                    return;
                }
            }
        });
        killed.sort(null);
        return killed;
    }

    private static final String OUTPUT_VARIABLE = "FASTGPU_OUTPUT_DIR=";

    /**
     * The workspace of the job whose process {@code pid} is, when its environment names an output
     * directory under {@code jobs} (starting with {@code prefix}) exactly as the agent sets it and
     * that workspace records {@code pgid} as the job's group; else null.
     */
    private static JobWorkspace leftBy(long pid, String prefix, Path jobs, long pgid) {
        String entry = environmentEntry(pid, prefix);
        if (entry == null) return null;
        String rest = entry.substring(prefix.length());
        int slash = rest.indexOf(java.io.File.separatorChar);
        if (slash <= 0) return null;
        JobWorkspace ws = new JobWorkspace(jobs.resolve(rest.substring(0, slash)));
        if (!entry.equals(OUTPUT_VARIABLE + ws.outputDir().toAbsolutePath())) return null;
        try {
            return Long.parseLong(Files.readString(ws.pgidFile()).strip()) == pgid ? ws : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Every live process by process group, from /proc (empty where there is none). */
    private static Map<Long, List<Long>> processGroups() {
        Map<Long, List<Long>> out = new HashMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) continue;
                try {
                    String stat = Files.readString(p.resolve("stat"), StandardCharsets.ISO_8859_1); // a process name need not be UTF-8
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (after[0].equals("Z")) continue; // a zombie holds nothing
                    out.computeIfAbsent(Long.parseLong(after[2]), g -> new ArrayList<>()).add(Long.parseLong(name));
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or not readable
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The entry of process {@code pid}'s environment that starts with {@code prefix}, or null (also when it cannot be read). */
    private static String environmentEntry(long pid, String prefix) {
        try {
            for (String e : Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.ISO_8859_1).split("\0")) {
                if (e.startsWith(prefix)) return e;
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean runsIn(long pid, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).equals(dir.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The job's working directory, checked before anything starts: the start would fail with a less helpful message. */
    private Path requireWorkdir(JobLaunch launch) throws IOException {
        if (launch.workdir() == null) return workspaceOf(launch).workDir();
        Path dir;
        try {
            dir = Path.of(launch.workdir());
        } catch (java.nio.file.InvalidPathException e) {
            throw new IOException("workdir '" + launch.workdir() + "' is not a valid path: " + e.getReason());
        }
        if (!dir.isAbsolute()) {
            throw new IOException("workdir '" + launch.workdir() + "' is not an absolute path; give the full path of a directory on node " + nodeName);
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("workdir '" + launch.workdir() + "' does not exist on node " + nodeName
                    + (Files.exists(dir) ? " as a directory (it is a file)" : "") + "; create it there or leave workdir out");
        }
        return dir;
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}

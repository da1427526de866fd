package dev.fastgpu.agent.exec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class JobRunnerTest {
    @TempDir
    Path data;

    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** The agent's own way of starting jobs on this machine (Linux with glibc: {@link NativeSpawn}). */
    JobRunner runner(Duration grace) {
        return new JobRunner(data, "node-t", grace, timer, Clock.systemUTC());
    }

    static JobLaunch sh(String id, String script, List<Integer> gpus, Duration limit) {
        return new JobLaunch(id, "alloc-" + id, List.of("sh", "-c", script), Map.of("MY_VAR", "mine"), gpus, List.of(), limit);
    }

    static JobOutcome outcomeOf(RunningJob job) throws Exception {
        return job.outcome().get(20, TimeUnit.SECONDS);
    }

    @Test
    void a_job_sees_exactly_its_gpus_and_the_fastgpu_variables_in_its_own_directory() throws Exception {
        RunningJob job = runner(Duration.ofSeconds(1)).start(sh("env1", "env; pwd", List.of(2, 5), null));
        JobOutcome outcome = outcomeOf(job);

        assertThat(outcome.succeeded()).isTrue();
        List<String> lines = Files.readAllLines(job.workspace().stdout());
        assertThat(lines).contains(
                "CUDA_VISIBLE_DEVICES=2,5",
                "NVIDIA_VISIBLE_DEVICES=2,5",
                "FASTGPU_JOB_ID=env1",
                "FASTGPU_ALLOCATION_ID=alloc-env1",
                "FASTGPU_GPUS=2,5",
                "FASTGPU_GPU_COUNT=2",
                "FASTGPU_NODE=node-t",
                "FASTGPU_OUTPUT_DIR=" + job.workspace().outputDir().toAbsolutePath(),
                "MY_VAR=mine",
                job.workspace().workDir().toAbsolutePath().toString());
        assertThat(lines).noneMatch(l -> l.startsWith("FASTGPU_TOKEN="));
        assertThat(Files.isDirectory(job.workspace().outputDir())).isTrue();
    }

    @Test
    void a_job_cannot_override_its_gpus_through_its_own_environment() throws Exception {
        JobLaunch launch = new JobLaunch("env2", "a", List.of("sh", "-c", "echo $CUDA_VISIBLE_DEVICES"),
                Map.of("CUDA_VISIBLE_DEVICES", "0,1,2,3,4,5,6,7"), List.of(3), List.of(), null);
        RunningJob job = runner(Duration.ofSeconds(1)).start(launch);
        outcomeOf(job);
        assertThat(Files.readString(job.workspace().stdout()).strip()).isEqualTo("3");
    }

    @Test
    void the_job_leads_its_own_process_group() throws Exception {
        RunningJob job = runner(Duration.ofSeconds(1)).start(sh("pg", "ps -o pgid= -p $$", List.of(), null));
        outcomeOf(job);
        assertThat(Files.readString(job.workspace().stdout()).strip()).isEqualTo(Long.toString(job.pid()));
    }

    @Test
    void exit_code_and_output_of_both_streams_are_kept() throws Exception {
        RunningJob job = runner(Duration.ofSeconds(1)).start(sh("exit3", "echo out; echo err >&2; exit 3", List.of(), null));
        JobOutcome outcome = outcomeOf(job);

        assertThat(outcome).isEqualTo(new JobOutcome(JobOutcome.Kind.EXITED, 3, null, "exited with code 3"));
        assertThat(Files.readString(job.workspace().stdout())).isEqualTo("out\n");
        assertThat(Files.readString(job.workspace().stderr())).isEqualTo("err\n");
    }

    @Test
    void a_job_killed_by_a_signal_reports_the_signal() throws Exception {
        RunningJob job = runner(Duration.ofSeconds(1)).start(sh("segv", "kill -SEGV $$", List.of(), null));
        JobOutcome outcome = outcomeOf(job);

        assertThat(outcome.kind()).isEqualTo(JobOutcome.Kind.EXITED);
        assertThat(outcome.exitCode()).isNull();
        assertThat(outcome.signal()).isEqualTo("SIGSEGV");
        assertThat(outcome.succeeded()).isFalse();
    }

    @Test
    void cancel_kills_the_whole_process_tree() throws Exception {
        // The job forks a child sleep and waits for it; both must be gone after stop().
        RunningJob job = runner(Duration.ofSeconds(5)).start(sh("tree", "sleep 300 & echo $! > child.pid; wait", List.of(), null));
        Path childPidFile = job.workspace().workDir().resolve("child.pid");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(childPidFile) && Files.size(childPidFile) > 0);
        long childPid = Long.parseLong(Files.readString(childPidFile).strip());
        assertThat(Processes.isRunning(childPid)).isTrue();

        job.stop(JobOutcome.Kind.CANCELLED);
        JobOutcome outcome = outcomeOf(job);

        assertThat(outcome.kind()).isEqualTo(JobOutcome.Kind.CANCELLED);
        assertThat(outcome.signal()).isEqualTo("SIGTERM");
        await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.isRunning(childPid));
        assertThat(Processes.isRunning(job.pid())).isFalse();
    }

    @Test
    void a_job_that_ignores_sigterm_is_killed_after_the_grace_period() throws Exception {
        RunningJob job = runner(Duration.ofMillis(500)).start(
                sh("stubborn", "trap '' TERM; echo ready > ready; while true; do sleep 0.1; done", List.of(), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(job.workspace().workDir().resolve("ready")));

        job.stop(JobOutcome.Kind.CANCELLED);
        JobOutcome outcome = outcomeOf(job);

        assertThat(outcome.kind()).isEqualTo(JobOutcome.Kind.CANCELLED);
        assertThat(outcome.signal()).isEqualTo("SIGKILL");
    }

    @Test
    void the_time_limit_is_enforced() throws Exception {
        long start = System.nanoTime();
        RunningJob job = runner(Duration.ofSeconds(1)).start(sh("slow", "sleep 300", List.of(), Duration.ofMillis(700)));
        JobOutcome outcome = outcomeOf(job);

        assertThat(outcome.kind()).isEqualTo(JobOutcome.Kind.TIME_LIMIT);
        assertThat(outcome.message()).contains("time limit");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void children_left_behind_by_a_finished_job_are_stopped() throws Exception {
        RunningJob job = runner(Duration.ofSeconds(1)).start(sh("leaver", "sleep 300 & echo $! > child.pid", List.of(), null));
        assertThat(outcomeOf(job).succeeded()).isTrue();
        long childPid = Long.parseLong(Files.readString(job.workspace().workDir().resolve("child.pid")).strip());
        await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.isRunning(childPid));
    }

    @Test
    void a_job_with_a_workdir_runs_there_and_keeps_its_own_output_directory() throws Exception {
        Path project = Files.createDirectories(data.resolve("project"));
        JobLaunch launch = new JobLaunch("wd", "a", List.of("sh", "-c", "pwd; echo $FASTGPU_WORK_DIR; echo made > here.txt"),
                Map.of(), List.of(), List.of(), null, project.toString());
        RunningJob job = runner(Duration.ofSeconds(1)).start(launch);
        assertThat(outcomeOf(job).succeeded()).isTrue();

        assertThat(Files.readAllLines(job.workspace().stdout())).containsExactly(project.toRealPath().toString(), project.toString());
        assertThat(project.resolve("here.txt")).exists();
        assertThat(job.workspace().workDir().resolve("here.txt")).doesNotExist();
        assertThat(job.workspace().outputDir()).isDirectory();
    }

    @Test
    void a_workdir_that_does_not_exist_is_reported_before_anything_starts() {
        Path missing = data.resolve("no-such-dir");
        JobLaunch launch = new JobLaunch("wd2", "a", List.of("true"), Map.of(), List.of(), List.of(), null, missing.toString());
        assertThatThrownBy(() -> runner(Duration.ofSeconds(1)).start(launch))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("workdir '" + missing + "' does not exist on node node-t");
        assertThat(data.resolve("jobs")).doesNotExist();
    }

    @Test
    void a_relative_workdir_is_refused_with_what_to_give_instead() {
        JobLaunch launch = new JobLaunch("wd3", "a", List.of("true"), Map.of(), List.of(), List.of(), null, "src/app");
        assertThatThrownBy(() -> runner(Duration.ofSeconds(1)).start(launch))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an absolute path");
    }

    @Test
    void a_missing_program_is_reported_before_anything_starts() {
        JobLaunch launch = new JobLaunch("nope", "a", List.of("no-such-program-xyz"), Map.of(), List.of(), List.of(), null);
        assertThatThrownBy(() -> runner(Duration.ofSeconds(1)).start(launch))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-program-xyz")
                .hasMessageContaining("PATH");
    }

    @Test
    void on_linux_with_glibc_jobs_start_without_a_helper_program() throws Exception {
        assertThat(NativeSpawn.load()).as("posix_spawn through the foreign function API on this machine").isPresent();
        RunningJob job = runner(Duration.ofSeconds(1)).start(sh("direct", "cat /proc/$PPID/comm", List.of(), null));
        assertThat(outcomeOf(job).succeeded()).isTrue();
        // The job's parent is the agent's JVM itself: no jspawnhelper or setsid in between.
        assertThat(Files.readString(job.workspace().stdout()).strip()).isEqualTo(
                Files.readString(Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "comm")).strip());
    }

    @Test
    void a_job_inherits_no_descriptor_and_no_blocked_or_ignored_signal_of_the_agent() throws Exception {
        Path open = Files.writeString(data.resolve("agent-file"), "x");
        try (var held = Files.newInputStream(open)) { // a descriptor the agent holds while the job starts
            RunningJob job = runner(Duration.ofSeconds(1)).start(new JobLaunch("clean", "a", List.of("sleep", "30"), Map.of(),
                    List.of(), List.of(), null));
            try {
                Path proc = Path.of("/proc", Long.toString(job.pid()));
                // Looked at from outside, once sleep runs (its command line says so): no shell of the test's own in between.
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(proc.resolve("cmdline")).split("\0")[0].endsWith("sleep"));
                try (var fds = Files.list(proc.resolve("fd"))) {
                    assertThat(fds.map(f -> f.getFileName().toString()).sorted()).containsExactly("0", "1", "2");
                }
                List<String> status = Files.readAllLines(proc.resolve("status"));
                assertThat(status).contains("SigBlk:\t0000000000000000");
                // Of the standard signals (1-31) none is ignored (glibc keeps two real-time ones of its own ignored).
                String ignored = status.stream().filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow().substring(7).strip();
                assertThat(Long.parseUnsignedLong(ignored, 16) & 0x7FFF_FFFFL).isZero();
            } finally {
                job.stop(JobOutcome.Kind.CANCELLED);
                outcomeOf(job);
            }
        }
    }

    @Test
    void a_program_that_cannot_be_executed_is_reported_with_the_systems_reason() throws Exception {
        Path script = Files.writeString(data.resolve("not-a-program"), "#!/no/such/interpreter\n");
        script.toFile().setExecutable(true);
        JobLaunch launch = new JobLaunch("badexec", "a", List.of(script.toString()), Map.of(), List.of(), List.of(), null);
        assertThatThrownBy(() -> runner(Duration.ofSeconds(1)).start(launch))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot run '" + script + "'")
                .hasMessageContaining("No such file or directory");
    }

    @Test
    void a_program_is_found_on_the_jobs_own_path_and_a_relative_one_in_its_working_directory() throws Exception {
        Path tools = Files.createDirectories(data.resolve("tools"));
        Path tool = Files.writeString(tools.resolve("mytool"), "#!/bin/sh\necho tool $1\n");
        tool.toFile().setExecutable(true);
        JobLaunch onPath = new JobLaunch("own-path", "a", List.of("mytool", "x"), Map.of("PATH", tools + ":/usr/bin:/bin"),
                List.of(), List.of(), null);
        RunningJob first = runner(Duration.ofSeconds(1)).start(onPath);
        assertThat(outcomeOf(first).succeeded()).isTrue();
        assertThat(Files.readString(first.workspace().stdout())).isEqualTo("tool x\n");

        Path project = Files.createDirectories(data.resolve("project"));
        Files.copy(tool, project.resolve("run.sh")).toFile().setExecutable(true);
        JobLaunch relative = new JobLaunch("rel", "a", List.of("./run.sh", "y"), Map.of(), List.of(), List.of(), null, project.toString());
        RunningJob second = runner(Duration.ofSeconds(1)).start(relative);
        assertThat(outcomeOf(second).succeeded()).isTrue();
        assertThat(Files.readString(second.workspace().stdout())).isEqualTo("tool y\n");

        JobLaunch elsewhere = new JobLaunch("nopath", "a", List.of("mytool"), Map.of(), List.of(), List.of(), null);
        assertThatThrownBy(() -> runner(Duration.ofSeconds(1)).start(elsewhere))
                .isInstanceOf(IOException.class).hasMessageContaining("not found on the job's PATH");
    }

    @Test
    void an_exit_code_above_128_is_an_exit_code_not_a_signal() throws Exception {
        RunningJob job = runner(Duration.ofSeconds(1)).start(sh("exit137", "exit 137", List.of(), null));
        assertThat(outcomeOf(job)).isEqualTo(new JobOutcome(JobOutcome.Kind.EXITED, 137, null, "exited with code 137"));
    }
    @Test
    void a_new_agent_kills_the_jobs_an_earlier_one_left_running_and_nothing_else() throws Exception {
        RunningJob left = runner(Duration.ofSeconds(1)).start(sh("left", "sleep 600 & wait", List.of(), null));
        long leader = left.pid();
        // a stale pgid file naming a live group that is not a job of ours (its id recycled, say)
        Process stranger = new ProcessBuilder("setsid", "sleep", "600").start();
        try {
            JobWorkspace stale = JobWorkspace.of(data, "stale", "alloc-stale");
            stale.create();
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(Path.of("/proc", Long.toString(stranger.pid()), "cmdline"))
                    .startsWith("sleep")); // setsid has made its group and become sleep
            Files.writeString(stale.pgidFile(), Long.toString(stranger.pid()));
            // an ended job's workspace: its pgid file names a group that is gone
            RunningJob ended = runner(Duration.ofSeconds(1)).start(sh("ended", "true", List.of(), null));
            outcomeOf(ended);

            List<Path> killed = runner(Duration.ofSeconds(1)).stopLeftovers(); // the new agent process, same data directory

            assertThat(killed).containsExactly(left.workspace().root());
            await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.isRunning(leader));
            assertThat(outcomeOf(left).signal()).isEqualTo("SIGKILL");
            assertThat(stranger.isAlive()).as("a group without the job's environment is left alone").isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }
}

package dev.fastgpu.agent.exec;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Every test of {@link JobRunnerTest} again, with jobs started the way the agent starts them where
 * native spawning is not available: {@link ProcessBuilder} and the {@code setsid} program. The three
 * promises only native spawning makes are reported as skipped here, with the reason.
 */
class JobRunnerThroughSetsidTest extends JobRunnerTest {
    @Override
    JobRunner runner(Duration grace) {
        return new JobRunner(data, "node-t", grace, timer, Clock.systemUTC(), Optional.empty());
    }

    @Override
    @Test
    @Disabled("Not this path's promise: here the job's parent is the JDK's helper program.")
    void on_linux_with_glibc_jobs_start_without_a_helper_program() {
    }

    @Override
    @Test
    @Disabled("setsid reports an exec failure only as exit code 1 (the native path's test covers the message).")
    void a_program_that_cannot_be_executed_is_reported_with_the_systems_reason() {
    }

    @Override
    @Test
    @Disabled("Not on this path: the JDK gives a signal N as exit value 128+N, so 137 reads as SIGKILL.")
    void an_exit_code_above_128_is_an_exit_code_not_a_signal() {
    }
}

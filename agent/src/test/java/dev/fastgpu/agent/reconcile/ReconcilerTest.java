package dev.fastgpu.agent.reconcile;

import dev.fastgpu.agent.exec.JobLaunch;
import dev.fastgpu.agent.exec.JobOutcome;
import dev.fastgpu.agent.exec.JobRunner;
import dev.fastgpu.agent.exec.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReconcilerTest {
    @TempDir
    Path data;

    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final AtomicInteger changes = new AtomicInteger();
    Reconciler reconciler;

    @AfterEach
    void cleanUp() {
        if (reconciler != null) reconciler.stopAll();
        timer.shutdownNow();
    }

    Reconciler reconciler() {
        JobRunner runner = new JobRunner(data, "n", Duration.ofSeconds(2), timer, Clock.systemUTC());
        reconciler = new Reconciler(runner, Clock.systemUTC(), 4096, changes::incrementAndGet);
        return reconciler;
    }

    static JobLaunch sleeper(String alloc) {
        return new JobLaunch("job-" + alloc, alloc, List.of("sleep", "300"), Map.of(), List.of(0), List.of(), null);
    }

    @Test
    void starts_what_is_assigned_and_kills_what_is_not() throws Exception {
        Reconciler r = reconciler();
        r.reconcile(List.of(sleeper("a1"), sleeper("a2")));
        assertThat(r.running()).extracting(TrackedAllocation::allocationId).containsExactly("a1", "a2");
        long pidA1 = r.tracked().getFirst().job().orElseThrow().pid();

        r.reconcile(List.of(sleeper("a2"), sleeper("a3")));

        TrackedAllocation a1 = r.tracked().stream().filter(t -> t.allocationId().equals("a1")).findFirst().orElseThrow();
        JobOutcome outcome = a1.job().orElseThrow().outcome().get(10, TimeUnit.SECONDS);
        assertThat(outcome.kind()).isEqualTo(JobOutcome.Kind.CANCELLED);
        assertThat(Processes.isRunning(pidA1)).isFalse();
        assertThat(r.running()).extracting(TrackedAllocation::allocationId).containsExactly("a2", "a3");
        assertThat(changes.get()).isGreaterThanOrEqualTo(3); // two sets with new starts, and one exit
    }

    @Test
    void the_starts_of_one_set_wake_the_reports_once_after_all_are_published() {
        java.util.concurrent.atomic.AtomicReference<Reconciler> self = new java.util.concurrent.atomic.AtomicReference<>();
        List<List<String>> seenAtWake = new java.util.concurrent.CopyOnWriteArrayList<>();
        Reconciler r = new Reconciler(new JobRunner(data, "n", Duration.ofSeconds(2), timer, Clock.systemUTC()), Clock.systemUTC(), 4096,
                () -> seenAtWake.add(self.get().tracked().stream().map(TrackedAllocation::allocationId).toList()));
        self.set(r);
        reconciler = r;
        r.reconcile(List.of(sleeper("w1"), sleeper("w2"), sleeper("w3")));
        assertThat(seenAtWake).containsExactly(List.of("w1", "w2", "w3"));
    }

    @Test
    void the_same_set_twice_starts_nothing_new() {
        Reconciler r = reconciler();
        r.reconcile(List.of(sleeper("a1")));
        long pid = r.running().getFirst().job().orElseThrow().pid();
        r.reconcile(List.of(sleeper("a1")));
        assertThat(r.running()).hasSize(1);
        assertThat(r.running().getFirst().job().orElseThrow().pid()).isEqualTo(pid);
    }

    @Test
    void a_finished_allocation_is_never_started_again_while_it_is_still_assigned() throws Exception {
        Reconciler r = reconciler();
        JobLaunch quick = new JobLaunch("j", "q1", List.of("sh", "-c", "echo run >> ../../runs.txt"), Map.of(), List.of(), List.of(), null);
        r.reconcile(List.of(quick));
        await().atMost(Duration.ofSeconds(10)).until(() -> r.running().isEmpty());
        r.reconcile(List.of(quick));
        r.reconcile(List.of(quick));
        assertThat(r.running()).isEmpty();
        assertThat(r.tracked()).hasSize(1);
        assertThat(Files.readAllLines(data.resolve("jobs/runs.txt"))).containsExactly("run");
    }

    @Test
    void an_allocation_is_forgotten_only_after_its_exit_was_reported_and_it_is_no_longer_assigned() {
        Reconciler r = reconciler();
        r.reconcile(List.of(sleeper("a1")));
        r.reconcile(List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> r.running().isEmpty());
        r.reconcile(List.of());
        assertThat(r.allocationIds()).containsExactly("a1");

        r.tracked().getFirst().markExitReported();
        r.reconcile(List.of());
        assertThat(r.allocationIds()).isEmpty();
    }

    @Test
    void an_allocation_left_by_an_earlier_agent_is_not_run_twice() throws Exception {
        Reconciler first = reconciler();
        first.reconcile(List.of(sleeper("old")));
        long orphanPid = first.running().getFirst().job().orElseThrow().pid();

        // A new agent process on the same data directory gets the same assignment.
        JobRunner runner = new JobRunner(data, "n", Duration.ofSeconds(2), timer, Clock.systemUTC());
        Reconciler second = new Reconciler(runner, Clock.systemUTC(), 4096, () -> {});
        second.reconcile(List.of(sleeper("old")));

        TrackedAllocation t = second.tracked().getFirst();
        assertThat(t.job()).isEmpty();
        assertThat(t.outcome().orElseThrow().kind()).as("lost, so the server runs the job again").isEqualTo(JobOutcome.Kind.LOST);
        assertThat(t.outcome().orElseThrow().exitCode()).isNull();
        assertThat(t.outcome().orElseThrow().message()).contains("agent restarted");
        await().atMost(Duration.ofSeconds(5)).until(() -> !Processes.isRunning(orphanPid));
    }

    @Test
    void a_command_that_cannot_start_is_reported_as_a_failure_with_the_reason() {
        Reconciler r = reconciler();
        r.reconcile(List.of(new JobLaunch("j", "bad", List.of("/no/such/binary"), Map.of(), List.of(), List.of(), null)));
        TrackedAllocation t = r.tracked().getFirst();
        assertThat(t.outcome().orElseThrow().kind()).isEqualTo(JobOutcome.Kind.FAILED_TO_START);
        assertThat(t.outcome().orElseThrow().message()).contains("/no/such/binary");
        assertThat(Files.exists(data.resolve("jobs"))).isFalse();
    }

    @Test
    void a_missing_workdir_fails_the_allocation_with_the_reason() {
        Reconciler r = reconciler();
        r.reconcile(List.of(new JobLaunch("j", "nowd", List.of("true"), Map.of(), List.of(), List.of(), null, "/no/such/dir")));
        TrackedAllocation t = r.tracked().getFirst();
        assertThat(t.outcome().orElseThrow().kind()).isEqualTo(JobOutcome.Kind.FAILED_TO_START);
        assertThat(t.outcome().orElseThrow().message()).contains("workdir '/no/such/dir' does not exist");
    }
}

package dev.fastgpu.server;

import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.PlanView;
import dev.fastgpu.api.agent.Ack;
import dev.fastgpu.api.agent.Assignment;
import dev.fastgpu.api.agent.AssignmentSet;
import dev.fastgpu.api.agent.GpuSample;
import dev.fastgpu.api.agent.GpuSamples;
import dev.fastgpu.api.agent.Heartbeat;
import dev.fastgpu.api.agent.JobExited;
import dev.fastgpu.api.agent.JobStarted;
import dev.fastgpu.api.agent.LogChunk;
import dev.fastgpu.api.agent.LogChunks;
import dev.fastgpu.api.agent.RunningAllocation;
import dev.fastgpu.api.client.ApiException;
import dev.fastgpu.model.JobState;
import dev.fastgpu.model.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The scheduling loop and the agent protocol, driven over HTTP with the api client (the test plays the agent). */
class SchedulingTest extends ServerPerTest {

    static AssignmentSet waitForAssignments(TestServers.Agent agent, int count) {
        long version = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            AssignmentSet set = agent.client().assignments(agent.nodeId(), version, Duration.ofSeconds(2));
            if (set.assignments().size() == count) return set;
            version = set.version();
        }
        throw new AssertionError("node " + agent.nodeId() + " never got " + count + " assignments");
    }

    @Test
    void two_four_gpu_jobs_on_one_eight_gpu_node_get_disjoint_gpus_and_run_to_completion() {
        TestServers.Agent agent = TestServers.join(server, "gpu-box", 8, "H100");
        JobView a = admin.submit(JobSpec.of(4, "train", "a"));
        JobView b = admin.submit(JobSpec.of(4, "train", "b"));
        AssignmentSet set = waitForAssignments(agent, 2);
        Set<Integer> all = new HashSet<>();
        for (Assignment x : set.assignments()) {
            assertThat(x.gpuIndices()).hasSize(4);
            all.addAll(x.gpuIndices());
            assertThat(x.gpuUuids()).allMatch(u -> u.startsWith("GPU-H100-"));
        }
        assertThat(all).hasSize(8);
        assertThat(admin.job(a.id()).state()).isEqualTo(JobState.SCHEDULED);
        assertThat(admin.node(agent.nodeId()).gpus()).allMatch(g -> g.allocatedMilli() == 1000);

        Assignment first = set.assignments().stream().filter(x -> x.jobId().equals(a.id())).findFirst().orElseThrow();
        assertThat(first.command()).containsExactly("train", "a");
        Instant started = Instant.now();
        assertThat(agent.client().started(first.allocationId(), new JobStarted(42L, started)).accepted()).isTrue();
        assertThat(admin.job(a.id()).state()).isEqualTo(JobState.RUNNING);
        // two samples, each the mean over one second of the run (the spans weigh the same)
        agent.client().shipSamples(first.allocationId(), new GpuSamples(List.of(
                new GpuSample(started.plusSeconds(1), 0, 80, 40_000, 300), new GpuSample(started.plusSeconds(2), 0, 100, 50_000, 500))));
        assertThat(agent.client().exited(first.allocationId(), new JobExited(0, null, null, Instant.now())).accepted()).isTrue();
        JobView done = admin.job(a.id());
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.usage().avgGpuUtilPercent()).isCloseTo(90.0, org.assertj.core.api.Assertions.within(0.5));
        assertThat(done.usage().peakGpuMemoryMib()).isEqualTo(50_000);
        assertThat(done.usage().energyKwh()).isGreaterThan(0);
        assertThat(done.allocations()).singleElement().satisfies(al -> assertThat(al.state()).isEqualTo("RELEASED"));
        assertThat(admin.events(a.id()).items()).extracting(e -> e.to())
                .containsExactly(JobState.QUEUED, JobState.SCHEDULED, JobState.RUNNING, JobState.SUCCEEDED);
        // a stale report for the released allocation is refused
        assertThat(agent.client().started(first.allocationId(), new JobStarted(1L, null)).accepted()).isFalse();
        assertThat(waitForAssignments(agent, 1).assignments().getFirst().jobId()).isEqualTo(b.id());
    }

    @Test
    void a_job_not_placed_yet_shows_the_prices_of_the_gpu_models_it_may_get() {
        // no node yet: the models it asks for, or the price for unknown models
        JobView anyModel = admin.submit(JobSpec.of(1, "early"));
        assertThat(anyModel.usage().pricePerGpuHourUsd()).isEqualTo(1.00);
        assertThat(anyModel.usage().maxPricePerGpuHourUsd()).isNull();
        JobView twoModels = admin.submit(JobSpec.of(1, "early").withGpuModels("H100", "A100"));
        assertThat(twoModels.usage().pricePerGpuHourUsd()).isEqualTo(1.50);
        assertThat(twoModels.usage().maxPricePerGpuHourUsd()).isEqualTo(2.50);
        admin.cancel(anyModel.id());
        admin.cancel(twoModels.id());

        TestServers.Agent h100 = TestServers.join(server, "h100-node", 8, "H100");
        TestServers.Agent a100 = TestServers.join(server, "a100-node", 4, "A100");
        admin.submit(JobSpec.of(8, "fill").withGpuModels("H100"));
        admin.submit(JobSpec.of(4, "fill").withGpuModels("A100"));
        waitForAssignments(h100, 1);
        waitForAssignments(a100, 1);

        JobView queued = admin.job(admin.submit(JobSpec.of(2, "waits")).id());
        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(queued.usage().costUsd()).isZero();
        assertThat(queued.usage().pricePerGpuHourUsd()).isEqualTo(1.50);
        assertThat(queued.usage().maxPricePerGpuHourUsd()).isEqualTo(2.50);
        JobView pinned = admin.job(admin.submit(JobSpec.of(2, "waits").withGpuModels("H100")).id());
        assertThat(pinned.usage().pricePerGpuHourUsd()).isEqualTo(2.50);
        assertThat(pinned.usage().maxPricePerGpuHourUsd()).isNull();

        PlanView plan = admin.plan(JobSpec.of(2, "what-if"));
        assertThat(plan.placeable()).isFalse();
        assertThat(plan.estimatedCostPerHourUsd()).isEqualTo(3.00);
        assertThat(plan.estimatedCostPerHourMaxUsd()).isEqualTo(5.00);
    }

    @Test
    void a_job_that_does_not_fit_now_waits_with_a_reason_and_starts_when_gpus_free_up() {
        TestServers.Agent agent = TestServers.join(server, "small-box", 4, "A100");
        JobView big = admin.submit(JobSpec.of(4, "big"));
        Assignment running = waitForAssignments(agent, 1).assignments().getFirst();
        assertThat(running.jobId()).isEqualTo(big.id());
        JobView waiting = admin.submit(JobSpec.of(2, "next"));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.job(waiting.id()).reason() != null
                && !admin.job(waiting.id()).reason().code().equals("submitted"));
        JobView w = admin.job(waiting.id());
        assertThat(w.state()).isEqualTo(JobState.QUEUED);
        assertThat(w.reason().message()).isNotBlank();
        PlanView plan = admin.plan(JobSpec.of(2, "what-if"));
        assertThat(plan.placeable()).isFalse();
        assertThat(plan.everFits()).isTrue();
        assertThat(plan.reasons()).isNotEmpty();

        agent.client().started(running.allocationId(), new JobStarted(7L, null));
        agent.client().exited(running.allocationId(), new JobExited(3, null, "boom", null));
        assertThat(admin.job(big.id()).state()).isEqualTo(JobState.FAILED);
        assertThat(admin.job(big.id()).reason().message()).contains("exited with code 3").contains("boom");
        Assignment next = waitForAssignments(agent, 1).assignments().getFirst();
        assertThat(next.jobId()).isEqualTo(waiting.id());
        assertThat(admin.job(waiting.id()).state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void impossible_jobs_are_rejected_once_a_node_has_joined_and_the_dry_run_says_where_a_job_would_go() {
        TestServers.join(server, "h100-box", 8, "H100");
        assertThatThrownBy(() -> admin.submit(JobSpec.of(2, "x").withGpuModels("B200")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().detail()).contains("B200").contains("8x H100");
                });
        assertThatThrownBy(() -> admin.submit(JobSpec.of(9, "x"))).isInstanceOf(ApiException.class);
        PlanView plan = admin.plan(JobSpec.of(4, "x").withGpuModels("H100"));
        assertThat(plan.placeable()).isTrue();
        assertThat(plan.placements()).singleElement().satisfies(p -> {
            assertThat(p.nodeId()).isEqualTo("h100-box");
            assertThat(p.gpuIndices()).hasSize(4);
        });
        assertThat(plan.estimatedCostPerHourUsd()).isEqualTo(10.0);
        assertThat(plan.estimatedCostPerHourMaxUsd()).isNull();
        assertThat(admin.jobs(dev.fastgpu.api.JobQuery.all()).items()).isEmpty();
    }

    @Test
    void logs_are_stored_once_per_seq_tailed_and_followed_until_the_job_ends() throws Exception {
        TestServers.Agent agent = TestServers.join(server, "log-box", 1, "L4");
        JobView j = admin.submit(JobSpec.of(1, "echo"));
        Assignment as = waitForAssignments(agent, 1).assignments().getFirst();
        agent.client().started(as.allocationId(), new JobStarted(1L, null));
        LogChunks batch = new LogChunks(List.of(new LogChunk(0, "stdout", "one\n"), new LogChunk(1, "stderr", "two\n")));
        agent.client().shipLogs(as.allocationId(), batch);
        agent.client().shipLogs(as.allocationId(), batch);
        assertThat(admin.logs(j.id(), null)).isEqualTo("one\ntwo\n");
        assertThat(admin.logs(j.id(), 1)).isEqualTo("two\n");

        StringBuilder followed = new StringBuilder();
        CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> admin.followLogs(j.id(), null, followed::append));
        agent.client().shipLogs(as.allocationId(), new LogChunks(List.of(new LogChunk(2, "stdout", "three\n"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> followed.toString().contains("three"));
        assertThat(follow).isNotDone();
        agent.client().exited(as.allocationId(), new JobExited(0, null, null, null));
        follow.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(followed.toString()).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void a_node_whose_heartbeats_stop_goes_down_and_its_job_is_requeued_elsewhere() {
        TestServers.Agent lost = TestServers.join(server, "flaky", 2, "T4");
        JobView j = admin.submit(JobSpec.of(2, "long"));
        Assignment as = waitForAssignments(lost, 1).assignments().getFirst();
        lost.client().started(as.allocationId(), new JobStarted(1L, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.node("flaky").state() == NodeState.DOWN);
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.job(j.id()).state() == JobState.QUEUED);
        assertThat(admin.events(j.id()).items()).extracting(e -> e.to())
                .containsSubsequence(JobState.RUNNING, JobState.LOST, JobState.QUEUED);
        TestServers.Agent healthy = TestServers.join(server, "steady", 2, "T4");
        Assignment again = waitForAssignments(healthy, 1).assignments().getFirst();
        assertThat(again.jobId()).isEqualTo(j.id());
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.allocationId()).isNotEqualTo(as.allocationId());
        // the old node comes back: its set no longer holds the job, and its stale report is refused
        AssignmentSet back = lost.client().heartbeat(new Heartbeat(lost.nodeId(), List.of(new RunningAllocation(as.allocationId(), j.id(), 1L)), null));
        assertThat(back.nodeState()).isEqualTo(NodeState.READY);
        assertThat(back.assignments()).isEmpty();
        Ack stale = lost.client().exited(as.allocationId(), new JobExited(0, null, null, null));
        assertThat(stale.accepted()).isFalse();
        assertThat(admin.job(j.id()).state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void a_process_the_agent_lost_sends_its_job_back_to_the_queue_until_the_retries_are_used() {
        TestServers.Agent agent = TestServers.join(server, "lost-process-box", 1, "A10");
        JobView j = admin.submit(JobSpec.of(1, "train").withMaxRetries(1));
        Assignment first = waitForAssignments(agent, 1).assignments().getFirst();
        agent.client().started(first.allocationId(), new JobStarted(11L, Instant.now()));
        assertThat(agent.client().exited(first.allocationId(), JobExited.lost("the agent restarted while it ran", Instant.now()))
                .accepted()).isTrue();
        assertThat(admin.events(j.id()).items()).extracting(e -> e.to())
                .containsSubsequence(JobState.RUNNING, JobState.LOST, JobState.QUEUED);
        assertThat(admin.events(j.id()).items()).anySatisfy(e -> {
            assertThat(e.code()).isEqualTo("process_lost");
            assertThat(e.message()).contains("lost-process-box").contains("the agent restarted while it ran");
        });

        Assignment second = waitForAssignments(agent, 1).assignments().getFirst();
        assertThat(second.jobId()).isEqualTo(j.id());
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.allocationId()).isNotEqualTo(first.allocationId());
        agent.client().exited(second.allocationId(), JobExited.lost("lost again", Instant.now()));
        JobView failed = admin.job(j.id());
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.reason().code()).isEqualTo("retries_exhausted");
        assertThat(failed.exitCode()).isNull();
    }

    @Test
    void cancelling_a_running_job_keeps_its_gpus_until_the_agent_stops_it() {
        TestServers.Agent agent = TestServers.join(server, "cancel-box", 1, "H100");
        JobView j = admin.submit(JobSpec.of(1, "sleep", "1000"));
        Assignment as = waitForAssignments(agent, 1).assignments().getFirst();
        agent.client().started(as.allocationId(), new JobStarted(1L, null));
        JobView waiting = admin.submit(JobSpec.of(1, "after"));
        assertThat(admin.cancel(j.id()).state()).isEqualTo(JobState.CANCELLED);
        AssignmentSet set = agent.client().assignments(agent.nodeId(), -1, Duration.ZERO);
        assertThat(set.assignments()).isEmpty();
        assertThat(admin.job(j.id()).allocations().getFirst().state()).isEqualTo("RELEASING");
        server.schedulePass();
        assertThat(admin.job(waiting.id()).state()).isEqualTo(JobState.QUEUED);
        agent.client().heartbeat(new Heartbeat(agent.nodeId(), new ArrayList<>(), null));
        assertThat(admin.job(j.id()).allocations().getFirst().state()).isEqualTo("RELEASED");
        assertThat(waitForAssignments(agent, 1).assignments().getFirst().jobId()).isEqualTo(waiting.id());
    }

    @Test
    void drained_nodes_take_no_new_jobs_until_undrained() {
        TestServers.Agent agent = TestServers.join(server, "drain-box", 2, "H100");
        assertThat(admin.drain(agent.nodeId()).state()).isEqualTo(NodeState.DRAINING);
        JobView j = admin.submit(JobSpec.of(1, "x"));
        server.schedulePass();
        assertThat(admin.job(j.id()).state()).isEqualTo(JobState.QUEUED);
        assertThat(admin.undrain(agent.nodeId()).state()).isEqualTo(NodeState.READY);
        assertThat(waitForAssignments(agent, 1).assignments().getFirst().jobId()).isEqualTo(j.id());
    }

    @Test
    void an_agent_token_heartbeats_for_its_own_node_only() {
        TestServers.Agent one = TestServers.join(server, "hb-one", 1, "T4");
        TestServers.Agent two = TestServers.join(server, "hb-two", 1, "T4");
        assertThat(one.client().heartbeat(new Heartbeat(one.nodeId(), List.of(), null)).nodeId()).isEqualTo(one.nodeId());
        assertThatThrownBy(() -> one.client().heartbeat(new Heartbeat(two.nodeId(), List.of(), null)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("belongs to node " + one.nodeId());
                });
    }
}

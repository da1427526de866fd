package dev.fastgpu.agent;

import dev.fastgpu.agent.gpu.FakeNvidiaSmi;
import dev.fastgpu.api.agent.Assignment;
import dev.fastgpu.api.agent.JobExited;
import dev.fastgpu.agent.exec.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real agent (real HTTP, real processes) against a scripted control plane. */
class AgentProtocolTest {
    @TempDir
    Path tmp;

    ScriptedControlPlane server;
    Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) agent.close();
        if (server != null) server.close();
    }

    Agent startAgent(AgentConfig config) throws Exception {
        server = server == null ? new ScriptedControlPlane() : server;
        agent = new Agent(config).start();
        return agent;
    }

    AgentConfig config() throws Exception {
        if (server == null) server = new ScriptedControlPlane();
        return AgentConfig.of(server.url(), ScriptedControlPlane.JOIN_TOKEN, tmp.resolve("agent"), "node-p")
                .withDeclaredGpus("8xH100-80GB").withStopGrace(Duration.ofSeconds(2));
    }

    static Assignment assignment(String alloc, List<Integer> gpus, String shell) {
        return new Assignment(alloc, "job-" + alloc, 1, List.of("/bin/sh", "-c", shell), null, Map.of(), gpus,
                List.of(), 1000, 0, 0, null);
    }

    @Test
    void joins_with_its_declared_gpus_and_remembers_its_node_id() throws Exception {
        startAgent(config());
        assertThat(server.joined.gpus()).hasSize(8);
        assertThat(server.joined.hostname()).isEqualTo("node-p");
        assertThat(Files.readString(tmp.resolve("agent/node-id"))).isEqualTo("n-1");
    }

    @Test
    void two_four_gpu_jobs_see_disjoint_gpus_and_their_output_and_exit_arrive_in_order() throws Exception {
        startAgent(config());
        server.assign(List.of(
                assignment("a1", List.of(0, 1, 2, 3), "echo gpus=$CUDA_VISIBLE_DEVICES; for i in 1 2 3; do echo line $i; done; echo oops >&2"),
                assignment("a2", List.of(4, 5, 6, 7), "echo gpus=$CUDA_VISIBLE_DEVICES; exit 7")));

        await().atMost(Duration.ofSeconds(20)).until(() -> server.exited.size() == 2);

        assertThat(server.exited.get("a1").exitCode()).isZero();
        assertThat(server.exited.get("a2").exitCode()).isEqualTo(7);
        assertThat(server.started).containsKeys("a1", "a2");
        assertThat(server.logText("a1")).contains("gpus=0,1,2,3", "line 1\nline 2\nline 3\n", "oops");
        assertThat(server.logText("a2")).contains("gpus=4,5,6,7");
        List<Long> seqs = new ArrayList<>(server.logs.get("a1").keySet());
        assertThat(seqs).first().isEqualTo(0L);
        assertThat(seqs.getLast()).isEqualTo(seqs.size() - 1L); // contiguous 0..n-1
        assertThat(server.chunksAtExit.get("a1")).isEqualTo(server.logs.get("a1").size()); // exited after the last chunk
        assertThat(server.reportBatches.get()).as("starts and ends go through the batch route").isPositive();
    }

    /** The server takes an active allocation missing from the heartbeats for a vanished process, and runs its job again. */
    @Test
    void a_job_whose_end_is_not_reported_yet_stays_in_the_heartbeats() throws Exception {
        startAgent(config());
        server.refuseReports = true;
        server.assign(List.of(assignment("h1", List.of(0), "echo done")));
        Path stdout = tmp.resolve("agent/jobs/job-h1-h1/stdout.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(stdout) && Files.readString(stdout).contains("done"));
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.unreportedIds().contains("h1") && agent.runningIds().isEmpty());
        Thread.sleep(600); // three heartbeat intervals after the process ended
        assertThat(server.lastHeartbeat.running()).extracting(r -> r.allocationId()).containsExactly("h1");

        server.refuseReports = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> server.exited.containsKey("h1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.lastHeartbeat.running().isEmpty());
        assertThat(server.exited.get("h1").exitCode()).isZero();
    }

    @Test
    void an_unassigned_job_is_stopped_tree_and_all_without_waiting_for_a_heartbeat() throws Exception {
        startAgent(config());
        server.assign(List.of(assignment("s1", List.of(0), "sleep 300 & echo $! > child.pid; wait")));
        Path childPid = tmp.resolve("agent/jobs/job-s1-s1/work/child.pid");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(childPid) && Files.size(childPid) > 0);
        long child = Long.parseLong(Files.readString(childPid).strip());

        long t0 = System.nanoTime();
        server.assign(List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.isRunning(child));
        long stopMs = (System.nanoTime() - t0) / 1_000_000;
        await().atMost(Duration.ofSeconds(10)).until(() -> server.exited.containsKey("s1"));

        JobExited e = server.exited.get("s1");
        assertThat(e.signal()).isEqualTo("SIGTERM");
        assertThat(e.exitCode()).isNull();
        System.out.println("unassign -> process tree gone: " + stopMs + " ms");
    }

    @Test
    void samples_gpu_use_of_running_jobs_when_gpus_come_from_nvidia_smi() throws Exception {
        Path smi = FakeNvidiaSmi.write(tmp.resolve("bin"), FakeNvidiaSmi.eightH100(),
                List.of("0, 88, 30000, 350.5", "1, 12, 100, 70.0", "2, 0, 0, 60.0"));
        startAgent(config().withDeclaredGpus(null).withNvidiaSmi(smi.toString()).withSampleInterval(Duration.ofMillis(100)));
        server.assign(List.of(assignment("g1", List.of(0, 1), "sleep 300")));

        await().atMost(Duration.ofSeconds(10)).until(() -> server.samples.containsKey("g1") && server.samples.get("g1").size() >= 2);

        assertThat(server.samples.get("g1")).extracting(dev.fastgpu.api.agent.GpuSample::gpuIndex).containsOnly(0, 1);
        assertThat(server.samples.get("g1")).anySatisfy(s -> {
            assertThat(s.gpuIndex()).isEqualTo(0);
            assertThat(s.utilPercent()).isEqualTo(88);
            assertThat(s.memoryUsedMib()).isEqualTo(30000);
            assertThat(s.powerWatts()).isEqualTo(350.5);
        });
    }

    @Test
    void a_job_shorter_than_the_interval_is_measured_over_its_run_before_its_end_is_reported() throws Exception {
        Path smi = FakeNvidiaSmi.write(tmp.resolve("bin"), FakeNvidiaSmi.eightH100(), List.of("0, 100, 1139, 696.37", "1, 5, 10, 70"));
        // The interval's first round comes before the job exists; its next one is an hour away.
        startAgent(config().withDeclaredGpus(null).withNvidiaSmi(smi.toString()).withSampleInterval(Duration.ofHours(1)));
        server.assign(List.of(assignment("short", List.of(0), "sleep 2.5")));

        await().atMost(Duration.ofSeconds(10)).until(() -> server.exited.containsKey("short"));

        assertThat(server.samples.get("short")).as("shipped before the end was reported").singleElement().satisfies(s -> {
            assertThat(s.gpuIndex()).isZero();
            assertThat(s.utilPercent()).isEqualTo(100);
            assertThat(s.memoryUsedMib()).isEqualTo(1139);
            assertThat(s.powerWatts()).isEqualTo(696.37);
        });
    }

    @Test
    void an_agent_that_stops_while_a_job_runs_sends_its_last_gpu_span_before_its_end() throws Exception {
        Path smi = FakeNvidiaSmi.write(tmp.resolve("bin"), FakeNvidiaSmi.eightH100(), List.of("0, 97, 2048, 650.0", "1, 5, 10, 70"));
        // The interval's first round comes before the job exists and the next one is an hour away:
        // only the closing agent's last round can send this job's samples.
        startAgent(config().withDeclaredGpus(null).withNvidiaSmi(smi.toString()).withSampleInterval(Duration.ofHours(1)));
        server.assign(List.of(assignment("cut", List.of(0), "sleep 300")));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.started.containsKey("cut"));
        Thread.sleep(1500); // a reading or two of the job's GPU

        agent.close();
        agent = null;

        assertThat(server.exited.get("cut").message()).as("why it ended").isEqualTo("stopped because the agent on its node was shut down");
        assertThat(server.samples.get("cut")).as("the span up to the stop, sent before the end").isNotNull().singleElement().satisfies(s -> {
            assertThat(s.gpuIndex()).isZero();
            assertThat(s.utilPercent()).isEqualTo(97);
            assertThat(s.memoryUsedMib()).isEqualTo(2048);
            assertThat(s.powerWatts()).isEqualTo(650.0);
        });
        assertThat(server.samplesAtExit.get("cut")).as("samples that had arrived when the end came").isEqualTo(1);
    }

    @Test
    void a_wrong_join_token_is_refused_with_a_hint() throws Exception {
        AgentConfig bad = new AgentConfig(config().serverUrl(), "wrong", tmp, "n", "1xL4-24GB", null, Map.of(), null, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Agent(bad).start())
                .hasMessageContaining("join token");
    }

}

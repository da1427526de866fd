package dev.fastgpu.cli;

import dev.fastgpu.agent.Agent;
import dev.fastgpu.agent.AgentConfig;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.model.JobState;
import dev.fastgpu.server.FastGpuServer;
import dev.fastgpu.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A crash of the agent. The agent runs as a process of its own (the {@code fastgpu agent} entry
 * point) and is killed with SIGKILL while a job runs; its job process lives on, orphaned. The agent
 * is started again on the same data directory before the server gives up on the node: it kills the
 * orphan before it joins (it cannot know how that run would have ended, and must not run it twice),
 * the allocation is lost, and the server runs the job again as its second attempt, which succeeds.
 * The job is not failed for a crash that was not its own.
 */
class AgentCrashTest {
    @TempDir
    Path tmp;

    @Test
    void a_killed_agent_restarted_on_its_data_kills_the_orphan_and_the_job_runs_again() throws Exception {
        Path pids = tmp.resolve("pids");
        Path release = tmp.resolve("release");
        try (FastGpuServer server = new FastGpuServer(ServerConfig.defaults().withDataDir(tmp.resolve("server")).withPort(0)
                .withTimings(Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(200))).start();
             FastGpuClient client = new FastGpuClient(server.baseUrl(), server.adminToken())) {
            Process agent = startAgent(server, "first");
            try {
                // each attempt appends its pid; the first one waits until the test releases it
                String id = client.submit(JobSpec.of(1, "sh", "-c",
                        "echo $$ >> '" + pids + "'; while [ ! -f '" + release + "' ]; do sleep 0.05; done")).id();
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pids) && !Files.readAllLines(pids).isEmpty());
                await().atMost(Duration.ofSeconds(10)).until(() -> client.job(id).state() == JobState.RUNNING);
                long orphan = Long.parseLong(Files.readAllLines(pids).getFirst().strip());

                // a second agent on the same directory is refused, and does not take the running job for a leftover
                long firstAgent = agent.pid();
                assertThatThrownBy(() -> new Agent(AgentConfig.of(
                                server.baseUrl(), server.joinToken(), tmp.resolve("agent"), "intruder").withDeclaredGpus("1xH100-80GB")).start())
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("another FastGPU agent is using " + tmp.resolve("agent") + " (pid " + firstAgent + ")");
                assertThat(Processes.isRunning(orphan)).isTrue();

                agent.destroyForcibly(); // SIGKILL: no cleanup, the job process is left behind
                assertThat(agent.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(Processes.isRunning(orphan)).as("the job outlives its agent").isTrue();

                agent = startAgent(server, "second");
                await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.isRunning(orphan));
                Files.writeString(release, ""); // from now on an attempt ends at once
                await().atMost(Duration.ofSeconds(60)).until(() -> client.job(id).state().isTerminal());

                JobView done = client.job(id);
                assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(done.attempt()).isEqualTo(2);
                List<String> started = Files.readAllLines(pids);
                assertThat(started).hasSize(2).doesNotHaveDuplicates();
                assertThat(client.events(id).items()).as(client.events(id).items().toString()).anySatisfy(e -> {
                    assertThat(e.to()).isEqualTo(JobState.LOST);
                    assertThat(e.code()).isEqualTo("process_lost");
                });
                assertThat(Files.readString(tmp.resolve("agent-second.log"))).contains("left running by an earlier agent process");
            } finally {
                agent.destroy();
                if (!agent.waitFor(20, TimeUnit.SECONDS)) agent.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code fastgpu agent} in a JVM of its own; returns once it has joined. */
    private Process startAgent(FastGpuServer server, String name) throws Exception {
        return Processes.startCli(tmp.resolve("agent-" + name + ".log"), " joined ", Map.of(), List.of("agent",
                "--server", server.baseUrl(), "--join-token", server.joinToken(), "--data-dir", tmp.resolve("agent").toString(),
                "--gpus", "1xH100-80GB", "--name", "crashy", "--stop-grace", "2s"));
    }
}

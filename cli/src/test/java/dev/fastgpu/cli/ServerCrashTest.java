package dev.fastgpu.cli;

import dev.fastgpu.agent.Agent;
import dev.fastgpu.agent.AgentConfig;
import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.model.JobState;
import dev.fastgpu.server.FastGpuServer;
import dev.fastgpu.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A crash of the control plane. The server runs as a process of its own (the {@code fastgpu server}
 * entry point, SQLite in a temp dir) and is killed with SIGKILL while four clients submit jobs as
 * fast as they can and a job runs on the agent; then it is started again on the same data
 * directory and port. Every submission it acknowledged is still there, new ids do not reuse old
 * ones, the job that ran through the crash ends with its own exit code, and the queue drains.
 */
class ServerCrashTest {
    private static final String TOKEN = "fga_crash-test-admin-token-0123456789";

    @TempDir
    Path tmp;

    @Test
    void a_killed_server_restarted_on_its_data_loses_no_acknowledged_job_and_finishes_the_queue() throws Exception {
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        Process server = startServer(port, "first");
        Agent agent = null;
        try (FastGpuClient client = new FastGpuClient(url, TOKEN)) {
            // a second server on the same data is refused while the first one runs
            assertThatThrownBy(() -> new FastGpuServer(
                            ServerConfig.defaults().withDataDir(tmp.resolve("server")).withPort(0)).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another FastGPU server is using " + tmp.resolve("server") + " (pid " + server.pid() + ")");
            agent = new Agent(AgentConfig.of(url, Files.readString(tmp.resolve("server/join-token")).strip(),
                    tmp.resolve("agent"), "crash-node").withDeclaredGpus("8xH100-80GB").withStopGrace(Duration.ofSeconds(2))).start();
            Path release = tmp.resolve("release");
            String through = client.submit(JobSpec.of(1, "sh", "-c",
                    "while [ ! -f '" + release + "' ]; do sleep 0.05; done; exit 7")).id();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.job(through).state() == JobState.RUNNING);

            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean serverGone = new AtomicBoolean();
            List<Thread> submitters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                submitters.add(Thread.ofPlatform().start(() -> {
                    while (!serverGone.get()) {
                        try {
                            acknowledged.add(client.submit(JobSpec.of(1, "true")).id());
                        } catch (RuntimeException e) { // the server died under this request: not acknowledged
                            return;
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 100);
            server.destroyForcibly(); // SIGKILL, with submissions in flight
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
            serverGone.set(true);
            for (Thread t : submitters) t.join(10_000);
            Set<String> before = Set.copyOf(acknowledged);

            server = startServer(port, "second");
            for (String id : before) assertThat(client.job(id).id()).isEqualTo(id); // a 404 would throw
            String fresh = client.submit(JobSpec.of(1, "true")).id();
            assertThat(before).doesNotContain(fresh).doesNotContain(through);

            Files.writeString(release, "");
            await().atMost(Duration.ofSeconds(60)).until(() -> client.job(through).state().isTerminal());
            JobView ended = client.job(through);
            assertThat(ended.state()).isEqualTo(JobState.FAILED);
            assertThat(ended.exitCode()).isEqualTo(7);
            assertThat(ended.attempt()).as("it ran once, through the crash, and was never started again").isEqualTo(1);
            Set<String> waiting = new HashSet<>(before);
            waiting.add(fresh);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                waiting.removeIf(id -> client.job(id).state() == JobState.SUCCEEDED);
                return waiting.isEmpty();
            });
            assertThat(client.jobs(new JobQuery(Set.of(JobState.QUEUED, JobState.SCHEDULED, JobState.RUNNING),
                    null, null, null, 10, null)).items()).isEmpty();
        } finally {
            if (agent != null) agent.close();
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
        }
    }

    /** {@code fastgpu server} in a JVM of its own; returns once it listens. */
    private Process startServer(int port, String name) throws Exception {
        return Processes.startCli(tmp.resolve("server-" + name + ".log"), "listening on", Map.of("FASTGPU_ADMIN_TOKEN", TOKEN),
                List.of("server", "--data-dir", tmp.resolve("server").toString(), "--port", Integer.toString(port)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

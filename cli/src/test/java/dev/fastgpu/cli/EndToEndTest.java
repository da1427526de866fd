package dev.fastgpu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fastgpu.agent.Agent;
import dev.fastgpu.agent.AgentConfig;
import dev.fastgpu.api.Json;
import dev.fastgpu.server.FastGpuServer;
import dev.fastgpu.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real thing in one JVM: the embeddable server (SQLite in a temp dir, port 0), the real agent
 * with 8 declared H100s running real processes, and the CLI driven through picocli with captured output.
 */
class EndToEndTest {
    @TempDir
    static Path tmp;

    static FastGpuServer server;
    static Agent agent;
    static Map<String, String> env;

    @BeforeAll
    static void startClusterOfOne() throws Exception {
        server = new FastGpuServer(ServerConfig.defaults().withDataDir(tmp.resolve("server")).withPort(0)
                .withTimings(Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(200)))
                .start();
        agent = new Agent(AgentConfig.of(server.baseUrl(), server.joinToken(), tmp.resolve("agent"), "e2e-node")
                .withDeclaredGpus("8xH100-80GB").withStopGrace(Duration.ofSeconds(2))).start();
        env = Map.of("FASTGPU_URL", server.baseUrl(), "FASTGPU_TOKEN", server.adminToken(),
                "FASTGPU_CONFIG", tmp.resolve("no-config").toString());
    }

    @AfterAll
    static void stopAll() {
        if (agent != null) agent.close();
        if (server != null) server.close();
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return Json.lenient().readTree(out);
        }
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine(env);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static String submit(String... args) {
        Run r = cli(Stream.concat(Stream.of("submit"), Stream.of(args)).toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out().strip();
    }

    static String state(String jobId) throws IOException {
        return cli("status", jobId, "-o", "json").json().get("state").asText();
    }

    @Test
    void submit_wait_runs_the_job_streams_its_output_and_exits_with_its_code() throws Exception {
        long t0 = System.nanoTime();
        Run ok = cli("submit", "--wait", "--gpus", "1", "--name", "hello", "--", "sh", "-c", "echo hello from $FASTGPU_JOB_ID; echo to-stderr >&2");
        assertThat(ok.exit()).as(ok.err()).isZero();
        String id = ok.out().lines().findFirst().orElseThrow();
        System.out.println("figure: fastgpu submit --wait of a trivial job, submit to exit: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(ok.out()).contains("hello from " + id).contains("to-stderr");
        assertThat(state(id)).isEqualTo("SUCCEEDED");
        assertThat(cli("logs", id).out()).contains("hello from " + id);
        Run status = cli("status", id);
        assertThat(status.out()).contains("SUCCEEDED").contains("e2e-node").contains("gpu-seconds").contains("cost");

        Run failing = cli("submit", "--wait", "--gpus", "1", "--", "sh", "-c", "echo about to fail; exit 3");
        assertThat(failing.exit()).isEqualTo(3);
        assertThat(failing.out()).contains("about to fail");
    }

    @Test
    void a_job_runs_in_its_workdir_and_a_missing_workdir_is_its_failure_reason() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path ok = Files.writeString(tmp.resolve("wd-ok.yaml"), "gpus: 1\nworkdir: " + project + "\ncommand: [\"sh\", \"-c\", \"pwd > ran-here.txt\"]\n");
        Run r = cli("submit", "-f", ok.toString(), "--wait");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(project.resolve("ran-here.txt")).strip()).isEqualTo(project.toRealPath().toString());

        Path missing = tmp.resolve("no-such-project");
        Path bad = Files.writeString(tmp.resolve("wd-bad.yaml"), "gpus: 1\nworkdir: " + missing + "\ncommand: [\"true\"]\n");
        String id = submit("-f", bad.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id).equals("FAILED"));
        assertThat(cli("status", id, "-o", "json").json().toString()).contains("workdir '" + missing + "' does not exist on node e2e-node");
    }

    @Test
    void two_four_gpu_jobs_get_disjoint_cuda_visible_devices() throws Exception {
        String script = "echo CVD=$CUDA_VISIBLE_DEVICES; sleep 1";
        String a = submit("--gpus", "4", "--gpu-model", "H100", "--", "sh", "-c", script);
        String b = submit("--gpus", "4", "--gpu-model", "H100", "--", "sh", "-c", script);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(a).equals("SUCCEEDED") && state(b).equals("SUCCEEDED"));

        Set<String> gpusA = devices(cli("logs", a).out());
        Set<String> gpusB = devices(cli("logs", b).out());
        assertThat(gpusA).hasSize(4);
        assertThat(gpusB).hasSize(4);
        assertThat(gpusA).doesNotContainAnyElementsOf(gpusB);
    }

    static Set<String> devices(String log) {
        String line = log.lines().filter(l -> l.startsWith("CVD=")).findFirst().orElseThrow();
        return new HashSet<>(List.of(line.substring(4).strip().split(",")));
    }

    @Test
    void cancel_stops_the_whole_process_tree_of_a_running_job() throws Exception {
        String id = submit("--gpus", "1", "--", "sh", "-c", "sleep 300 & echo $! > $FASTGPU_OUTPUT_DIR/child.pid; wait");
        await().atMost(Duration.ofSeconds(20)).until(() -> childPidFile(id) != null && Files.size(childPidFile(id)) > 0);
        long child = Long.parseLong(Files.readString(childPidFile(id)).strip());
        assertThat(Processes.isRunning(child)).isTrue();

        long t0 = System.nanoTime();
        Run cancel = cli("cancel", id);
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("CANCELLED");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> !Processes.isRunning(child));
        System.out.println("figure: fastgpu cancel -> child process gone: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(state(id)).isEqualTo("CANCELLED");
    }

    static Path childPidFile(String jobId) throws IOException {
        Path jobs = tmp.resolve("agent/jobs");
        if (!Files.isDirectory(jobs)) return null;
        try (Stream<Path> dirs = Files.list(jobs)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(jobId + "-"))
                    .map(d -> d.resolve("output/child.pid")).filter(Files::exists).findFirst().orElse(null);
        }
    }

    @Test
    void the_time_limit_stops_a_job_and_wait_reports_failure() throws Exception {
        long t0 = System.nanoTime();
        Run r = cli("submit", "--wait", "--gpus", "1", "--name", "limited", "--time-limit", "1s", "--", "sleep", "60");
        assertThat(r.exit()).isNotZero();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(45)); // not sleep's 60 s

        JsonNode job = cli("list", "--name", "limited", "-o", "json").json().get("items").get(0);
        JsonNode status = cli("status", job.get("id").asText(), "-o", "json").json();
        assertThat(status.get("state").asText()).isEqualTo("FAILED");
        assertThat(status.toString()).contains("time limit");
    }

    @Test
    void nodes_list_and_plan_answer_as_tables_and_as_json() throws Exception {
        Run nodes = cli("nodes");
        assertThat(nodes.exit()).as(nodes.err()).isZero();
        assertThat(nodes.out()).contains("e2e-node").contains("H100");
        JsonNode json = cli("nodes", "-o", "json").json();
        assertThat(json.get("items").get(0).get("gpus")).hasSize(8);

        submit("--gpus", "1", "--name", "listed", "--wait", "--", "true");
        // the count asked for, then where the job held its GPUs (the index alone read like a count of 0)
        assertThat(cli("list").out()).containsPattern("listed\\s+SUCCEEDED\\s+1\\s+e2e-node:\\d\\s");
        assertThat(cli("list", "-o", "json").json().get("items").size()).isGreaterThanOrEqualTo(1);
        submit("--gpus", "1", "--name", "other", "--", "true");
        JsonNode named = cli("list", "--name", "listed", "-o", "json").json().get("items");
        assertThat(named).isNotEmpty().allSatisfy(j -> assertThat(j.get("name").asText()).isEqualTo("listed"));
        assertThat(cli("list", "--user", "nobody-here", "-o", "json").json().get("items")).isEmpty();
        JsonNode done = cli("list", "--state", "succeeded,failed", "-o", "json").json().get("items"); // states in any case
        assertThat(done).isNotEmpty().allSatisfy(j -> assertThat(j.get("state").asText()).isIn("SUCCEEDED", "FAILED"));
        Run firstPage = cli("list", "--limit", "1");
        assertThat(firstPage.out()).contains("more: fastgpu list --cursor ");
        String cursor = firstPage.out().replaceAll("(?s).*--cursor (\\S+).*", "$1");
        assertThat(cli("list", "--limit", "1", "--cursor", cursor).exit()).isZero();

        Path job = tmp.resolve("plan.yaml");
        Files.writeString(job, "command: [python, train.py]\ngpus: 2\ngpuModel: H100\n");
        Run plan = cli("plan", "-f", job.toString());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("e2e-node");
        JsonNode planned = cli("plan", "-f", job.toString(), "-o", "json").json();
        assertThat(planned.get("placeable").asBoolean()).isTrue();
        assertThat(planned.get("placements").get(0).get("gpuIndices")).hasSize(2);
        assertThat(planned.get("placements").get(0).get("gpuModel").asText()).isEqualTo("H100");
        Run tooBig = cli("plan", "-f", job.toString(), "--gpus", "16", "-o", "json");
        assertThat(tooBig.json().get("placeable").asBoolean()).isFalse();
    }

    @Test
    void a_drained_node_takes_no_new_job_until_it_is_undrained() throws Exception {
        Run drain = cli("nodes", "drain", "e2e-node");
        try {
            assertThat(drain.exit()).as(drain.err()).isZero();
            assertThat(drain.out()).contains("e2e-node drained").contains("fastgpu nodes undrain e2e-node");
            assertThat(cli("nodes").out()).contains("(drained)");
            String id = submit("--gpus", "1", "--name", "after-drain", "--", "true");
            Thread.sleep(1_000); // several passes: the job must still wait
            assertThat(state(id)).isEqualTo("QUEUED");
            assertThat(cli("status", id).out()).contains("drain");
            Run logs = cli("logs", id);
            assertThat(logs.exit()).isZero();
            assertThat(logs.out()).isEmpty();
            assertThat(logs.err()).contains(id + " has not started yet (QUEUED)").contains("fastgpu logs -f " + id);
            Run undrain = cli("nodes", "undrain", "e2e-node", "-o", "json");
            assertThat(undrain.exit()).as(undrain.err()).isZero();
            assertThat(undrain.json().get("drained").asBoolean()).isFalse();
            assertThat(cli("submit", "--wait", "--gpus", "1", "--", "true").exit()).isZero();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!state(id).equals("SUCCEEDED") && System.nanoTime() < deadline) Thread.sleep(100);
            assertThat(state(id)).isEqualTo("SUCCEEDED");
        } finally {
            cli("nodes", "undrain", "e2e-node");
        }
        Run unknown = cli("nodes", "drain", "no-such-node");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err()).startsWith("fastgpu nodes drain: ").contains("no-such-node").contains("`fastgpu nodes`");
    }

    @Test
    void stopping_submit_wait_leaves_the_job_running_and_says_how_to_follow_or_cancel_it() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "submit", "--wait", "--gpus", "1", "--name", "left-running", "--", "sh", "-c", "echo started; sleep 60");
        pb.environment().putAll(env);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Path out = tmp.resolve("wait.out"), err = tmp.resolve("wait.err");
        Process cliProcess = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(out).contains("started"));
            String id = Files.readAllLines(out).getFirst().strip();
            cliProcess.destroy(); // SIGTERM, which the JVM handles as it does Ctrl-C's SIGINT
            assertThat(cliProcess.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(err)).contains("job " + id + " keeps running")
                    .contains("fastgpu logs -f " + id).contains("fastgpu cancel " + id);
            assertThat(state(id)).isEqualTo("RUNNING");
            assertThat(cli("cancel", id).exit()).isZero();
        } finally {
            cliProcess.destroyForcibly();
        }
    }

    @Test
    void an_unknown_job_is_a_clear_error() {
        Run r = cli("status", "j-does-not-exist");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("j-does-not-exist").contains("`fastgpu list`").doesNotContain("\tat ");
    }
}

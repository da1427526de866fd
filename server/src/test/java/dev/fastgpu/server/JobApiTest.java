package dev.fastgpu.server;

import dev.fastgpu.api.JobEventList;
import dev.fastgpu.api.JobPage;
import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.TokenCreated;
import dev.fastgpu.api.TokenRequest;
import dev.fastgpu.api.client.ApiException;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.model.JobState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Submit, read, list, cancel and authenticate against a real server (no agents: jobs stay queued). */
class JobApiTest {
    @TempDir
    static Path dir;
    static FastGpuServer server;
    static FastGpuClient admin;

    @BeforeAll
    static void start() {
        server = TestServers.start(dir);
        admin = TestServers.admin(server, server.adminToken());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void a_submitted_job_can_be_read_back_with_its_normalised_spec_and_submission_event() {
        JobView j = admin.submit(JobSpec.of(2, "python", "train.py").withName("train-a").withGpuModels("h100"));
        assertThat(j.id()).startsWith("j-");
        assertThat(j.state()).isEqualTo(JobState.QUEUED);
        assertThat(j.user()).isEqualTo("admin");
        assertThat(j.project()).isEqualTo("default");
        assertThat(j.spec().gpuModels()).containsExactly("H100");
        assertThat(j.spec().maxRetries()).isEqualTo(3);
        assertThat(j.usage().gpuSeconds()).isZero();
        assertThat(j.usage().pricePerGpuHourUsd()).isEqualTo(2.50);
        JobView again = admin.job(j.id());
        assertThat(again.spec()).isEqualTo(j.spec());
        assertThat(again.submittedAt()).as("the answer shows the time that is stored").isEqualTo(j.submittedAt());
        JobEventList events = admin.events(j.id());
        assertThat(events.items()).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(j.submittedAt());
            assertThat(e.to()).isEqualTo(JobState.QUEUED);
            assertThat(e.from()).isNull();
            assertThat(e.message()).contains("admin");
        });
    }

    @Test
    void a_single_command_string_runs_through_the_shell_and_yaml_specs_are_accepted() {
        JobView j = admin.submitYaml("""
                name: from-yaml
                command: "echo hello && sleep 1"
                gpus: 1
                gpuModel: A100
                env: {FOO: bar}
                """, null);
        assertThat(j.spec().command()).containsExactly("/bin/sh", "-c", "echo hello && sleep 1");
        assertThat(j.spec().gpuModels()).containsExactly("A100");
        assertThat(j.name()).isEqualTo("from-yaml");
        // The same rule as the agent's: shell syntax without a space is a shell line too; one plain word is a program.
        assertThat(admin.submit(JobSpec.of(1, "ls|wc")).spec().command()).containsExactly("/bin/sh", "-c", "ls|wc");
        assertThat(admin.submit(JobSpec.of(1, "nvidia-smi")).spec().command()).containsExactly("nvidia-smi");
    }

    @Test
    void listing_pages_with_a_cursor_and_filters_by_name_user_and_state() {
        String name = "paged";
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) ids.add(admin.submit(JobSpec.of(1, "true").withName(name)).id());
        JobPage p1 = admin.jobs(JobQuery.all().withName(name).withLimit(2));
        JobPage p2 = admin.jobs(JobQuery.all().withName(name).withLimit(2).withCursor(p1.nextCursor()));
        JobPage p3 = admin.jobs(JobQuery.all().withName(name).withLimit(2).withCursor(p2.nextCursor()));
        assertThat(p1.items()).hasSize(2);
        assertThat(p2.items()).hasSize(2);
        assertThat(p3.items()).hasSize(1);
        assertThat(p3.nextCursor()).isNull();
        Set<String> seen = new HashSet<>();
        for (JobPage p : List.of(p1, p2, p3)) p.items().forEach(j -> seen.add(j.id()));
        assertThat(seen).isEqualTo(ids);
        assertThat(p1.items().get(0).submittedAt()).isAfterOrEqualTo(p1.items().get(1).submittedAt());
        assertThat(admin.jobs(JobQuery.all().withName(name).withUser("nobody")).items()).isEmpty();
        assertThat(admin.jobs(JobQuery.all().withName(name).withStates(JobState.RUNNING)).items()).isEmpty();
        assertThat(admin.jobs(JobQuery.all().withName(name).withStates(JobState.QUEUED, JobState.RUNNING)).items()).hasSize(5);
    }

    @Test
    void the_same_idempotency_key_returns_the_same_job_and_a_different_spec_under_it_is_a_conflict() {
        JobView first = admin.submit(JobSpec.of(1, "true").withName("idem"), "key-1");
        JobView second = admin.submit(JobSpec.of(1, "true").withName("idem"), "key-1");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(admin.jobs(JobQuery.all().withName("idem")).items()).hasSize(1);
        assertThatThrownBy(() -> admin.submit(JobSpec.of(2, "true").withName("idem"), "key-1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.problem().detail()).contains("key-1").contains(first.id());
                });
    }

    @Test
    void requests_without_a_token_or_with_a_wrong_one_get_401_problem_json() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api/v1/jobs", "/api/v1/health", "/api/v1/openapi.json", "/metrics", "/api/v1/nodes")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(r.body()).contains("Authorization: Bearer");
        }
        FastGpuClient wrong = new FastGpuClient(server.baseUrl(), "not-a-real-token-at-all");
        assertThatThrownBy(() -> wrong.submit(JobSpec.of(1, "true"))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(401));
        FastGpuClient joiner = new FastGpuClient(server.baseUrl(), server.joinToken());
        assertThatThrownBy(() -> joiner.submit(JobSpec.of(1, "true"))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void invalid_specs_are_rejected_with_a_clear_message_and_nothing_is_stored() {
        int before = admin.jobs(JobQuery.all().withLimit(500)).items().size();
        assertRejected(() -> admin.submit(JobSpec.of(-1, "true")), "gpus must be between 0");
        assertRejected(() -> admin.submit(JobSpec.of(2, "true").withGpuMilli(500)), "needs gpus: 1");
        assertRejected(() -> admin.submit(new JobSpec(null, null, null, null, null, null, 1, null, null, null, null, null,
                null, null, null, null, null, null)), "command is missing");
        assertRejected(() -> admin.submitYaml("command: [x]\ngpu: 4\n", null), "unknown field 'gpu'");
        assertRejected(() -> admin.submitYaml("command: [x]\ngpus: four\n", null), "gpus");
        assertRejected(() -> admin.submit(JobSpec.of(1, "true").withProject("nope")), "project 'nope' does not exist");
        assertRejected(() -> admin.submit(JobSpec.of(1, "true").withTimeLimitSeconds(0)), "timeLimitSeconds");
        assertThat(admin.jobs(JobQuery.all().withLimit(500)).items()).hasSize(before);
    }

    @Test
    void bodies_are_read_at_their_length_too_large_or_cut_short_is_a_clear_error_and_chunked_ones_still_work() throws Exception {
        int before = admin.jobs(JobQuery.all().withLimit(500)).items().size();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/jobs"))
                .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "application/json");
        String big = "{\"command\": [\"echo\", \"" + "x".repeat(1_000_001) + "\"], \"gpus\": 1}";
        // as curl does for large bodies: the server refuses by the announced length before the body is
        // sent (without it, the client may still be sending when the server answers and closes, and a
        // reset can reach it before the answer does)
        HttpResponse<String> tooLarge = http.send(post.copy().expectContinue(true).POST(HttpRequest.BodyPublishers.ofString(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(tooLarge.body()).contains("body-too-large").contains("the limit is 1000000");
        HttpResponse<String> empty = http.send(post.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("the request body is empty");

        // no Content-Length: the body comes in chunks and is read to its end
        byte[] spec = "{\"command\": [\"true\"], \"gpus\": 1, \"name\": \"chunked\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> chunked = http.send(post.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(spec))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(201);
        assertThat(chunked.body()).contains("\"name\":\"chunked\"");

        // a client that announces 200 bytes, sends 20 and stops sending
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(server.baseUrl()).getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.adminToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"command\": [\"true\"]";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
        }
        assertThat(admin.jobs(JobQuery.all().withLimit(500)).items()).hasSize(before + 1); // the chunked one only
    }

    @Test
    void unknown_routes_wrong_methods_and_broken_json_are_problems_a_person_can_read() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder base = HttpRequest.newBuilder().header("Authorization", "Bearer " + server.adminToken());
        HttpResponse<String> delete = http.send(base.copy().uri(URI.create(server.baseUrl() + "/api/v1/jobs/j-1")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(delete.body()).contains("DELETE is not allowed on /api/v1/jobs/j-1");
        HttpResponse<String> nowhere = http.send(base.copy().uri(URI.create(server.baseUrl() + "/api/v1/no-such-thing")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(nowhere.body()).contains("no route GET /api/v1/no-such-thing");
        HttpResponse<String> broken = http.send(base.copy().uri(URI.create(server.baseUrl() + "/api/v1/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"command\": [")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("line 1, column").doesNotContain("REDACTED").doesNotContain("Source:");
    }

    private static void assertRejected(Runnable call, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.problem().type()).endsWith("/invalid-spec");
            assertThat(e.problem().detail()).contains(detail);
        });
    }

    @Test
    void cancelling_a_queued_job_records_who_did_it_and_finished_jobs_cannot_be_cancelled_again_differently() {
        JobView j = admin.submit(JobSpec.of(1, "sleep", "100").withName("to-cancel"));
        JobView c = admin.cancel(j.id());
        assertThat(c.state()).isEqualTo(JobState.CANCELLED);
        assertThat(c.finishedAt()).isNotNull();
        assertThat(admin.cancel(j.id()).state()).isEqualTo(JobState.CANCELLED);
        assertThat(admin.events(j.id()).items()).extracting(e -> e.to()).containsExactly(JobState.QUEUED, JobState.CANCELLED);
        assertThat(admin.events(j.id()).items().get(1).message()).isEqualTo("cancelled by admin");
        assertThatThrownBy(() -> admin.cancel("j-999999")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    /**
     * One client shared by many threads: each exchange has a connection of its own, and every
     * submission is stored once. (A server of its own: the other tests count the jobs here.)
     */
    @Test
    void one_client_serves_many_threads_at_once(@TempDir Path dataDir) throws Exception {
        FastGpuServer busy = TestServers.start(dataDir);
        try (FastGpuClient shared = new FastGpuClient(busy.baseUrl(), busy.adminToken());
             var pool = java.util.concurrent.Executors.newFixedThreadPool(48)) { // more threads than the 32 idle connections kept
            Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
            for (int t = 0; t < 48; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) ids.add(shared.submit(JobSpec.of(1, "true").withName("shared-client")).id());
                    return null;
                }));
            }
            for (var f : work) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ids).hasSize(480);

            Set<String> listed = new HashSet<>();
            String cursor = null;
            do {
                JobPage page = shared.jobs(JobQuery.all().withName("shared-client").withLimit(500).withCursor(cursor));
                page.items().forEach(j -> listed.add(j.id()));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(listed).isEqualTo(ids);
        } finally {
            busy.stop();
        }
    }

    /** Closing a client ends its connections: a request in flight fails at once, and so does every later one. */
    @Test
    void a_closed_client_ends_its_requests_in_flight_and_sends_nothing_more() throws Exception {
        FastGpuClient client = new FastGpuClient(server.baseUrl(), server.adminToken());
        assertThat(client.whoami().user()).isEqualTo("admin");
        JobView waiting = admin.submit(JobSpec.of(1, "true")); // no agents here: it stays queued, and its log open
        java.util.concurrent.CompletableFuture<Void> follow =
                java.util.concurrent.CompletableFuture.runAsync(() -> client.followLogs(waiting.id(), null, text -> { }));
        Thread.sleep(300);
        assertThat(follow).isNotDone();
        client.close();
        assertThatThrownBy(() -> follow.get(5, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(java.io.UncheckedIOException.class);
        assertThatThrownBy(client::whoami).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("cannot reach the FastGPU server");
        admin.cancel(waiting.id());
    }

    @Test
    void users_with_their_own_tokens_own_their_jobs() {
        TokenCreated t = admin.createToken(new TokenRequest("alice", false));
        FastGpuClient alice = new FastGpuClient(server.baseUrl(), t.token());
        assertThat(alice.whoami().user()).isEqualTo("alice");
        JobView j = alice.submit(JobSpec.of(1, "true").withName("alices"));
        assertThat(j.user()).isEqualTo("alice");
        assertThat(admin.jobs(JobQuery.all().withUser("alice")).items()).extracting(JobView::id).contains(j.id());
        JobView adminJob = admin.submit(JobSpec.of(1, "true"));
        assertThatThrownBy(() -> alice.cancel(adminJob.id())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> alice.createToken(new TokenRequest("mallory", true))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void health_openapi_and_metrics_answer_with_a_token() {
        assertThat(admin.health().status()).isEqualTo("ok");
        String doc = admin.openApi();
        assertThat(doc).contains("\"openapi\" : \"3.1.0\"").contains("/api/v1/jobs/{id}/cancel").contains("JobSpec")
                .contains("\"queuePosition\" : {").contains("1-based place among the QUEUED jobs")
                .contains("/api/v1/agent/nodes/{id}/assignments");
    }

    @Test
    void metrics_count_requests_per_route_answered_or_refused() throws Exception {
        double before = routeCount(server, "GET /api/v1/health");
        for (int i = 0; i < 3; i++) admin.health();
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/v1/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(routeCount(server, "GET /api/v1/health") - before).isEqualTo(4.0);
    }

    static double routeCount(FastGpuServer server, String route) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/metrics"))
                        .header("Authorization", "Bearer " + server.adminToken()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String prefix = "fastgpu_http_requests_total{route=\"" + route + "\"}";
        return r.body().lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}

package dev.fastgpu.server;

import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.TokenCreated;
import dev.fastgpu.api.TokenRequest;
import dev.fastgpu.api.client.FastGpuClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/jobs} has two paths through the server: a body with its Content-Length and a
 * person's token is served in front of Javalin (SubmitPath), anything else by the Javalin route. A
 * chunked body takes the second path, so sending the same request both ways shows that a client
 * cannot tell them apart.
 */
class SubmitPathTest {
    @TempDir
    static Path dir;
    static FastGpuServer server;
    static FastGpuClient admin;
    static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void a_body_with_its_length_and_a_chunked_one_get_the_same_answer_for_good_and_bad_specs() throws Exception {
        List<String> bodies = List.of(
                "{\"name\":\"same\",\"command\":[\"python\",\"train.py\"],\"gpus\":2,\"gpuModel\":\"h100\",\"env\":{\"A\":\"1\"}}",
                "{\"command\":[\"true\"],\"gpus\":\"two\"}",
                "{\"command\":[\"true\"],\"gpus\":1,\"colour\":\"red\"}",
                "{\"gpus\":1}",
                "{\"command\":[\"true\"],\"gpus\":-1}",
                "{\"command\": [",
                "   ");
        for (String body : bodies) {
            int before = stored();
            HttpResponse<String> sized = post(body, server.adminToken(), false, null);
            HttpResponse<String> chunked = post(body, server.adminToken(), true, null);
            assertThat(sized.statusCode()).as(body).isEqualTo(chunked.statusCode());
            assertThat(sized.headers().firstValue("Content-Type")).as(body).isEqualTo(chunked.headers().firstValue("Content-Type"));
            assertThat(sized.headers().firstValueAsLong("Content-Length")).as(body).hasValue(sized.body().getBytes(StandardCharsets.UTF_8).length);
            assertThat(masked(sized.body())).as(body).isEqualTo(masked(chunked.body()));
            assertThat(stored() - before).as(body).isEqualTo(sized.statusCode() == 201 ? 2 : 0);
        }
    }

    @Test
    void an_idempotency_key_returns_the_first_job_on_both_paths() throws Exception {
        String body = "{\"command\":[\"true\"],\"gpus\":1,\"name\":\"keyed\"}";
        HttpResponse<String> first = post(body, server.adminToken(), false, "key-submit-path");
        HttpResponse<String> again = post(body, server.adminToken(), false, "key-submit-path");
        HttpResponse<String> chunked = post(body, server.adminToken(), true, "key-submit-path");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(chunked.statusCode()).isEqualTo(200);
        String id = first.body().substring(0, first.body().indexOf(','));
        assertThat(id).startsWith("{\"id\":\"j-");
        assertThat(again.body()).startsWith(id + ",");
        assertThat(chunked.body()).startsWith(id + ",");
        HttpResponse<String> other = post("{\"command\":[\"false\"],\"gpus\":1}", server.adminToken(), false, "key-submit-path");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("Idempotency-Key");
    }

    @Test
    void tokens_that_may_not_submit_are_refused_as_before_and_users_submit_as_themselves() throws Exception {
        String body = "{\"command\":[\"true\"],\"gpus\":1}";
        HttpResponse<String> none = post(body, null, false, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"fastgpu\"");
        HttpResponse<String> wrong = post(body, "fga_not-a-token", false, null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> agent = post(body, TestServers.join(server, "gpu-1", 1, "H100").join().agentToken(), false, null);
        assertThat(agent.statusCode()).isEqualTo(403);
        assertThat(agent.body()).contains("AGENT token cannot call POST /api/v1/jobs");

        TokenCreated bob = admin.createToken(new TokenRequest("bob", false));
        HttpResponse<String> bobs = post(body, bob.token(), false, null);
        assertThat(bobs.statusCode()).isEqualTo(201);
        assertThat(bobs.body()).contains("\"user\":\"bob\"");
    }

    @Test
    void a_client_that_waits_for_100_continue_gets_it_and_its_job_is_stored() throws Exception {
        int before = stored();
        byte[] bytes = "{\"command\":[\"true\"],\"gpus\":1,\"name\":\"continued\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/jobs"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + server.adminToken())
                .expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("\"name\":\"continued\"");
        assertThat(stored()).isEqualTo(before + 1);
    }

    @Test
    void submissions_on_either_path_count_as_requests_of_the_route() throws Exception {
        double before = JobApiTest.routeCount(server, "POST /api/v1/jobs");
        post("{\"command\":[\"true\"],\"gpus\":1}", server.adminToken(), false, null);
        post("{\"command\":[\"true\"],\"gpus\":1}", server.adminToken(), true, null);
        post("{\"command\":[\"true\"],\"gpus\":1}", null, false, null);
        assertThat(JobApiTest.routeCount(server, "POST /api/v1/jobs") - before).isEqualTo(3.0);
    }

    private static HttpResponse<String> post(String body, String token, boolean chunked, String key) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/jobs")).header("Content-Type", "application/json")
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)) : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (key != null) b.header("Idempotency-Key", key);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The answer without what differs between two submissions of one spec: the job id, the time,
     * the queue position and the reason it waits (the second one may find a scheduling pass done).
     */
    private static String masked(String body) {
        return body.replaceAll("\"j-\\d+\"", "\"j-N\"").replaceAll("\"submittedAt\":\"[^\"]+\"", "\"submittedAt\":T")
                .replaceAll("\"queuePosition\":\\d+", "\"queuePosition\":N").replaceAll("\"reason\":\\{[^}]*}", "\"reason\":R");
    }

    private static int stored() {
        return admin.jobs(JobQuery.all().withLimit(500)).items().size();
    }
}

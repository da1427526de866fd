package dev.fastgpu.api.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK client's transport (what an https:// server gets) carries the same requests and answers.
 * It is driven here over plain HTTP against the scripted server: TLS itself is the JDK's.
 */
class JdkTransportTest {
    private ScriptedServer server;
    private JdkTransport http;

    @AfterEach
    void stop() throws IOException {
        if (http != null) http.close();
        if (server != null) server.close();
    }

    @Test
    void requests_answers_and_streams_pass_through_unchanged() throws Exception {
        server = new ScriptedServer((req, out) -> {
            if (req.target().startsWith("/stream")) {
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return true;
            }
            return ScriptedServer.answer(out, req.target().equals("/missing") ? 404 : 201, req.line() + " " + req.body());
        });
        http = new JdkTransport(URI.create("http://127.0.0.1:" + server.port()), Duration.ofSeconds(2));
        List<Transport.Header> headers = List.of(new Transport.Header("Authorization", "Bearer t"), new Transport.Header("Content-Type", "application/json"));

        Transport.Reply created = http.exchange("POST", "/api/v1/jobs?x=1", headers, "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(created.status()).isEqualTo(201);
        assertThat(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo("POST /api/v1/jobs?x=1 HTTP/1.1 {}");
        assertThat(server.requests().getFirst().headers()).contains("Authorization: Bearer t", "Content-Type: application/json");
        assertThat(http.exchange("GET", "/missing", List.of(), null, Duration.ofSeconds(5)).status()).isEqualTo(404);
        try (Transport.Streamed s = http.stream("/stream", List.of())) {
            assertThat(s.status()).isEqualTo(200);
            assertThat(new String(s.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
        }

        http.close();
        assertThatThrownBy(() -> http.exchange("GET", "/", List.of(), null, Duration.ofSeconds(5))).isInstanceOf(IOException.class);
    }
}

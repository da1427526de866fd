package dev.fastgpu.api.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP/1.1 transport against a scripted server on loopback that writes exact bytes: how
 * answers are framed (length, chunks, to the end), when connections are kept or dropped, and what
 * happens when the server ends a connection the client holds.
 */
class Http1TransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<Transport.Header> JSON = List.of(new Transport.Header("Accept", "application/json"));

    private ScriptedServer server;
    private Http1Transport http;

    @AfterEach
    void stop() throws IOException {
        if (http != null) http.close();
        if (server != null) server.close();
    }

    private void serve(ScriptedServer.Script script) throws IOException {
        server = new ScriptedServer(script);
        http = new Http1Transport(URI.create("http://127.0.0.1:" + server.port()), Duration.ofSeconds(2));
    }

    /** A server whose n-th request, on whichever connection, gets the n-th of {@code answers} as it is, and then its connection closed. */
    private void serveInTurn(String... answers) throws IOException {
        AtomicInteger n = new AtomicInteger();
        serve((req, out) -> {
            out.write(answers[n.getAndIncrement()].getBytes(StandardCharsets.ISO_8859_1));
            return false;
        });
    }

    private static String text(Transport.Reply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void requests_go_out_well_formed_and_share_one_kept_alive_connection() throws Exception {
        serve((req, out) -> ScriptedServer.answer(out, 200, "you sent " + req.body().length() + " bytes to " + req.target()));
        byte[] body = "{\"gpus\":1}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            Transport.Reply r = http.exchange("POST", "/api/v1/jobs?x=" + i, List.of(new Transport.Header("Authorization", "Bearer t")), body, TIMEOUT);
            assertThat(r.status()).isEqualTo(200);
            assertThat(text(r)).isEqualTo("you sent 10 bytes to /api/v1/jobs?x=" + i);
        }
        assertThat(server.connections()).isEqualTo(1);
        ScriptedServer.Request first = server.requests().getFirst();
        assertThat(first.line()).isEqualTo("POST /api/v1/jobs?x=0 HTTP/1.1");
        assertThat(first.headers()).contains("Host: 127.0.0.1:" + server.port(), "Authorization: Bearer t", "Content-Length: 10");
        assertThat(first.body()).isEqualTo("{\"gpus\":1}");
        assertThat(http.exchange("GET", "/a", JSON, null, TIMEOUT).status()).isEqualTo(200);
        assertThat(server.requests().getLast().headers()).noneMatch(h -> h.startsWith("Content-Length"));
    }

    @Test
    void chunked_answers_are_put_together_and_the_connection_is_kept() throws Exception {
        serve((req, out) -> {
            out.write(("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n" + "7\r\n, world\r\n" + "0\r\nX-Trailer: t\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return true;
        });
        Transport.Reply r = http.exchange("GET", "/c", JSON, null, TIMEOUT);
        assertThat(r.status()).isEqualTo(201);
        assertThat(text(r)).isEqualTo("hello, world");
        assertThat(text(http.exchange("GET", "/c", JSON, null, TIMEOUT))).isEqualTo("hello, world");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void an_answer_without_a_length_runs_to_the_end_of_its_connection_which_is_not_reused() throws Exception {
        serve((req, out) -> {
            out.write("HTTP/1.1 200 OK\r\n\r\nall of it".getBytes(StandardCharsets.ISO_8859_1));
            return false;
        });
        assertThat(text(http.exchange("GET", "/e", JSON, null, TIMEOUT))).isEqualTo("all of it");
        assertThat(text(http.exchange("GET", "/e", JSON, null, TIMEOUT))).isEqualTo("all of it");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void connection_close_and_http_1_0_answers_are_not_reused_and_interim_answers_are_skipped() throws Exception {
        AtomicInteger n = new AtomicInteger();
        serve((req, out) -> {
            switch (n.getAndIncrement()) {
                case 0 -> out.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.ISO_8859_1));
                case 1 -> out.write("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nold".getBytes(StandardCharsets.ISO_8859_1));
                default -> ScriptedServer.answer(out, 404, "{\"title\":\"Not Found\"}");
            }
            return true; // the client must drop the first two on its own
        });
        assertThat(text(http.exchange("GET", "/1", JSON, null, TIMEOUT))).isEqualTo("ok");
        assertThat(text(http.exchange("GET", "/2", JSON, null, TIMEOUT))).isEqualTo("old");
        Transport.Reply missing = http.exchange("GET", "/3", JSON, null, TIMEOUT);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(text(missing)).contains("Not Found");
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void a_connection_the_server_ended_while_it_was_idle_is_not_used_again() throws Exception {
        serve((req, out) -> {
            ScriptedServer.answer(out, 200, "once");
            return false; // answered with a length, then closed: the client keeps the connection, which is now dead
        });
        assertThat(text(http.exchange("POST", "/p", JSON, new byte[0], TIMEOUT))).isEqualTo("once");
        server.awaitClosed(1);
        assertThat(text(http.exchange("POST", "/p", JSON, new byte[0], TIMEOUT))).isEqualTo("once");
        assertThat(server.requests()).hasSize(2);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void a_kept_connection_that_fails_before_any_answer_is_retried_once_for_a_get_and_never_for_a_post() throws Exception {
        AtomicInteger n = new AtomicInteger();
        serve((req, out) -> {
            if (n.getAndIncrement() % 2 == 1) return false; // every second request: read, then the connection just ends
            ScriptedServer.answer(out, 200, "fine");
            return true;
        });
        assertThat(text(http.exchange("GET", "/g", JSON, null, TIMEOUT))).isEqualTo("fine");
        // request 2 is read and dropped; the GET goes again on a new connection, as request 3
        assertThat(text(http.exchange("GET", "/g", JSON, null, TIMEOUT))).isEqualTo("fine");
        assertThat(server.requests()).hasSize(3);
        // request 4, a POST on the kept connection, is read and dropped: the server may have acted on it, so no repeat
        assertThatThrownBy(() -> http.exchange("POST", "/p", JSON, new byte[]{1}, TIMEOUT))
                .isInstanceOf(IOException.class).hasMessageContaining("closed the connection without answering");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void a_server_that_does_not_answer_in_time_fails_the_request_once() throws Exception {
        serve((req, out) -> {
            if (!req.target().equals("/slow")) {
                ScriptedServer.answer(out, 200, "quick");
                return true;
            }
            Thread.sleep(2000);
            return false;
        });
        assertThat(text(http.exchange("GET", "/quick", JSON, null, TIMEOUT))).isEqualTo("quick");
        assertThatThrownBy(() -> http.exchange("GET", "/slow", JSON, null, Duration.ofMillis(200)))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(server.requests()).extracting(ScriptedServer.Request::target).containsExactly("/quick", "/slow");
    }

    @Test
    void a_stream_hands_over_each_chunk_as_it_arrives_even_when_its_crlf_comes_with_the_next_one() throws Exception {
        CountDownLatch more = new CountDownLatch(1);
        serve((req, out) -> {
            // as Jetty frames chunks: the CRLF that ends a chunk goes out with the next chunk's header
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\none\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            more.await(10, TimeUnit.SECONDS);
            out.write("\r\n4\r\ntwo\n\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return true;
        });
        try (Transport.Streamed s = http.stream("/logs?follow=true", JSON)) {
            assertThat(s.status()).isEqualTo(200);
            byte[] buf = new byte[64];
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.body().read(buf);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            int got = first.get(3, TimeUnit.SECONDS); // not held back until the next chunk comes
            assertThat(new String(buf, 0, got, StandardCharsets.UTF_8)).isEqualTo("one\n");
            more.countDown();
            assertThat(new String(s.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two\n");
        }
    }

    @Test
    void closing_the_transport_fails_a_request_in_flight_and_every_later_one() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        serve((req, out) -> {
            never.await(10, TimeUnit.SECONDS);
            return false;
        });
        CompletableFuture<Transport.Reply> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return http.exchange("GET", "/wait", JSON, null, Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        server.awaitRequests(1);
        long t0 = System.nanoTime();
        http.close();
        assertThatThrownBy(() -> inFlight.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> http.exchange("GET", "/later", JSON, null, TIMEOUT))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
        never.countDown();
    }

    @Test
    void an_answer_cut_short_fails_and_its_connection_is_not_kept() throws Exception {
        serveInTurn("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nabc",
                "HTTP/1.1 200 OK\r\nContent-Le",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThatThrownBy(() -> http.exchange("GET", "/", JSON, null, TIMEOUT)).hasMessageContaining("7 bytes of its answer still to come");
        assertThatThrownBy(() -> http.exchange("GET", "/", JSON, null, TIMEOUT)).hasMessageContaining("in the middle of a chunk");
        assertThatThrownBy(() -> http.exchange("GET", "/", JSON, null, TIMEOUT)).hasMessageContaining("in the middle of its answer's headers");
        assertThat(text(http.exchange("GET", "/", JSON, null, TIMEOUT))).isEqualTo("ok");
        assertThat(server.connections()).isEqualTo(4);
    }

    @Test
    void answers_that_are_not_http_are_refused_with_what_was_wrong() throws Exception {
        serveInTurn("SSH-2.0-OpenSSH_9.2\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        assertThatThrownBy(() -> http.exchange("GET", "/", JSON, null, TIMEOUT)).hasMessageContaining("did not answer in HTTP/1.1");
        assertThatThrownBy(() -> http.exchange("GET", "/", JSON, null, TIMEOUT)).hasMessageContaining("Content-Length that is not a number");
        assertThatThrownBy(() -> http.exchange("GET", "/", JSON, null, TIMEOUT)).hasMessageContaining("chunk size that is not valid");
    }
}

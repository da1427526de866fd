package dev.fastgpu.api.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link FastGpuClient} exchanges requests with its server: {@link Http1Transport} for an
 * http:// server, {@link JdkTransport} (the JDK's client) for an https:// one. One instance serves
 * every thread of the clients made from one base URL.
 */
interface Transport extends AutoCloseable {

    /** A request header. */
    record Header(String name, String value) {
    }

    /** A whole answer. */
    record Reply(int status, byte[] body) {
    }

    /** An answer whose body is read as it arrives; closing it ends the exchange. */
    record Streamed(int status, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @param target  the path and query, e.g. {@code /api/v1/jobs?limit=5}
     * @param body    null for a request without a body
     * @param timeout how long to wait for the answer (for each read of it, with {@link Http1Transport})
     */
    Reply exchange(String method, String target, List<Header> headers, byte[] body, Duration timeout)
            throws IOException, InterruptedException;

    /** Sends a GET and hands back the answer's body as a stream, for answers that last (following logs). */
    Streamed stream(String target, List<Header> headers) throws IOException, InterruptedException;

    /** Ends every connection, including those of requests in flight (they fail); later requests fail. */
    @Override
    void close();
}

package dev.fastgpu.api.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The JDK's HTTP client, for https:// servers (TLS, with the JDK's default trust). */
final class JdkTransport implements Transport {
    private final URI base;
    private final HttpClient http;

    JdkTransport(URI base, Duration connectTimeout) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    @Override
    public Reply exchange(String method, String target, List<Header> headers, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(target, headers).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(res.statusCode(), res.body());
    }

    @Override
    public Streamed stream(String target, List<Header> headers) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> res = http.send(request(target, headers).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        return new Streamed(res.statusCode(), res.body());
    }

    private HttpRequest.Builder request(String target, List<Header> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(target));
        for (Header h : headers) b.header(h.name(), h.value());
        return b;
    }

    @Override
    public void close() {
        http.shutdownNow();
        try {
            http.awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

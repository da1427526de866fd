package dev.fastgpu.api.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server on loopback that writes exactly the bytes its script gives (tests of the transports):
 * one thread per connection reads each request (line, headers, a body of Content-Length bytes),
 * records it, and lets the script answer.
 */
final class ScriptedServer implements AutoCloseable {
    /** What a connection's thread does with one request: write an answer; true to keep the connection for the next. */
    @FunctionalInterface
    interface Script {
        boolean answer(Request req, OutputStream out) throws Exception;
    }

    record Request(String line, List<String> headers, String body) {
        String target() {
            return line.split(" ")[1];
        }
    }

    /** Writes a complete answer with a length; true (keep the connection). */
    static boolean answer(OutputStream out, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + b.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        return true;
    }

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    ScriptedServer(Script script) throws IOException {
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    accepted.add(s);
                    connections.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> serve(s, script));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket s, Script script) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                Request r = read(in);
                if (r == null) return;
                requests.add(r);
                if (!script.answer(r, out)) return;
                out.flush();
            }
        } catch (Exception e) {
            // the client went away
        } finally {
            closed.incrementAndGet();
        }
    }

    private static Request read(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) return null;
        List<String> headers = new ArrayList<>();
        int length = 0;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            headers.add(h);
            if (h.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(h.substring(15).trim());
        }
        return new Request(line, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.write(c);
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void awaitClosed(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (closed.get() < n && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(closed.get()).as("connections the server closed").isGreaterThanOrEqualTo(n);
        Thread.sleep(50); // the FIN reaches the client's socket
    }

    void awaitRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (requests.size() < n && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(requests).hasSizeGreaterThanOrEqualTo(n);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (accepted) {
            for (Socket s : accepted) s.close();
        }
        acceptor.interrupt();
    }
}

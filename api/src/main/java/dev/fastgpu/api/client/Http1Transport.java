package dev.fastgpu.api.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP/1.1 over plain sockets, for an http:// server: each request is written and its answer read
 * by the calling thread on a kept-alive connection, with no threads of its own.
 * <p>
 * Why not the JDK's client: it hands every exchange between the caller, a selector thread and a
 * worker pool. On the two cores of the B2 machine that cost 0.6-0.9 ms of CPU per request in the
 * bench's client and in the agent, which share the cores with the server; here a request is a few
 * system calls and a parse.
 * <p>
 * Connections are kept between requests (at most {@link #MAX_IDLE} idle ones) and reused most
 * recently used first. One idle for longer than {@link #MAX_IDLE_NANOS} is closed rather than
 * reused: the server closes idle connections after 30 s. Before a reuse the connection is checked,
 * without waiting, for an end the server sent meanwhile (it restarted, or it timed the connection
 * out). Should a reused connection still fail before the first byte of its answer, a GET is sent
 * once more on a new connection; any other method fails with the error, as a repeat could apply
 * it twice.
 * <p>
 * The timeout of an exchange bounds each wait for the server (the connection's read timeout), not
 * the exchange as a whole.
 */
final class Http1Transport implements Transport {
    static final int MAX_IDLE = 32;
    static final long MAX_IDLE_NANOS = Duration.ofSeconds(20).toNanos();
    /** Status line and headers of an answer, at most. */
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final String host;
    private final int port;
    private final byte[] hostHeader;
    private final int connectTimeoutMs;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>(); // guarded by itself
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Http1Transport(URI base, Duration connectTimeout) {
        if (!"http".equalsIgnoreCase(base.getScheme())) throw new IllegalArgumentException("not an http:// URL: " + base);
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.hostHeader = ("Host: " + host + (base.getPort() < 0 ? "" : ":" + port) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        this.connectTimeoutMs = Math.toIntExact(connectTimeout.toMillis());
    }

    @Override
    public Reply exchange(String method, String target, List<Header> headers, byte[] body, Duration timeout) throws IOException {
        byte[] request = request(method, target, headers, body);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Connection c = reusable();
        boolean reused = c != null;
        if (c == null) c = connect();
        while (true) {
            try {
                c.send(request, timeoutMs);
                Answer a = c.answer(method);
                byte[] bytes = a.body().readAllBytes();
                release(c, a.keepAlive());
                return new Reply(a.status(), bytes);
            } catch (IOException e) {
                c.close();
                boolean stale = reused && !c.answered && "GET".equals(method)
                        && !(e instanceof java.net.SocketTimeoutException) && !(e instanceof java.nio.channels.ClosedByInterruptException);
                if (!stale) throw e;
                reused = false; // the server may have ended it just as it was taken: once more, on a new connection
                c = connect();
            }
        }
    }

    @Override
    public Streamed stream(String target, List<Header> headers) throws IOException {
        byte[] request = request("GET", target, headers, null);
        Connection c = connect(); // a stream holds its connection until it ends; it is never reused
        try {
            c.send(request, 0);
            Answer a = c.answer("GET");
            return new Streamed(a.status(), new java.io.FilterInputStream(a.body()) {
                @Override
                public void close() {
                    c.close();
                }
            });
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.clear();
        }
        for (Connection c : open) c.close();
    }

    /** The request's bytes: request line, Host, the given headers, Content-Length when there is a body, then the body. */
    private byte[] request(String method, String target, List<Header> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (body == null ? 0 : body.length));
        out.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(hostHeader);
        StringBuilder h = new StringBuilder(128);
        for (Header header : headers) {
            if (header.value().indexOf('\r') >= 0 || header.value().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + header.name() + " must not contain line breaks");
            }
            h.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (body != null) h.append("Content-Length: ").append(body.length).append("\r\n");
        h.append("\r\n");
        out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) out.writeBytes(body);
        return out.toByteArray();
    }

    /** The most recently used idle connection that is still good, or null. */
    private Connection reusable() {
        while (true) {
            Connection c;
            synchronized (idle) {
                c = idle.pollFirst();
            }
            if (c == null) return null;
            if (System.nanoTime() - c.idleSince < MAX_IDLE_NANOS && c.intact()) return c;
            c.close();
        }
    }

    private Connection connect() throws IOException {
        if (closed) throw new IOException("this client was closed");
        SocketChannel ch = SocketChannel.open();
        try {
            ch.socket().connect(new InetSocketAddress(host, port), connectTimeoutMs);
            ch.socket().setTcpNoDelay(true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        Connection c = new Connection(ch);
        open.add(c);
        if (closed) { // close() ran meanwhile and did not see this one
            c.close();
            throw new IOException("this client was closed");
        }
        return c;
    }

    private void release(Connection c, boolean keepAlive) {
        if (keepAlive && !closed) {
            c.idleSince = System.nanoTime();
            synchronized (idle) {
                if (idle.size() < MAX_IDLE) {
                    idle.addFirst(c);
                    return;
                }
            }
        }
        c.close();
    }

    /** An answer's status, whether its connection may carry another request, and its body. */
    private record Answer(int status, boolean keepAlive, InputStream body) {
    }

    private final class Connection {
        private final SocketChannel channel;
        private final InputStream in;
        /** Set once the first byte of an answer was read: from then on the server has seen the request. */
        boolean answered;
        long idleSince;

        Connection(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.in = new BufferedInputStream(channel.socket().getInputStream(), 8192);
        }

        void send(byte[] request, int timeoutMs) throws IOException {
            answered = false;
            channel.socket().setSoTimeout(timeoutMs);
            ByteBuffer b = ByteBuffer.wrap(request);
            while (b.hasRemaining()) channel.write(b);
        }

        /**
         * Whether the connection can take a request: nothing arrived on it since its last answer,
         * in particular not the server's end of it. Looks without waiting.
         */
        boolean intact() {
            try {
                if (in.available() > 0) return false;
                channel.configureBlocking(false);
                try {
                    return channel.read(ByteBuffer.allocate(1)) == 0;
                } finally {
                    channel.configureBlocking(true);
                }
            } catch (IOException e) {
                return false;
            }
        }

        /** Reads the status line and headers (skipping interim 1xx answers); the body is left to read. */
        Answer answer(String method) throws IOException {
            int[] budget = {MAX_HEAD_BYTES};
            while (true) {
                String statusLine = line(budget, true);
                if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                    throw new IOException("the server did not answer in HTTP/1.1: '" + clip(statusLine) + "'");
                }
                int status;
                try {
                    status = Integer.parseInt(statusLine.substring(9, 12));
                } catch (NumberFormatException e) {
                    throw new IOException("the server's status line is not valid: '" + clip(statusLine) + "'");
                }
                boolean keepAlive = statusLine.charAt(7) != '0'; // HTTP/1.0 closes unless it says otherwise
                long length = -1;
                boolean chunked = false;
                for (String h = line(budget, false); !h.isEmpty(); h = line(budget, false)) {
                    int colon = h.indexOf(':');
                    if (colon <= 0) throw new IOException("the server sent a header that is not valid: '" + clip(h) + "'");
                    String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = h.substring(colon + 1).trim();
                    switch (name) {
                        case "content-length" -> {
                            try {
                                length = Long.parseLong(value);
                            } catch (NumberFormatException e) {
                                throw new IOException("the server sent a Content-Length that is not a number: '" + clip(value) + "'");
                            }
                        }
                        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                        case "connection" -> {
                            String v = value.toLowerCase(Locale.ROOT);
                            if (v.contains("close")) keepAlive = false;
                            else if (v.contains("keep-alive")) keepAlive = true;
                        }
                        default -> { }
                    }
                }
                if (status >= 100 && status < 200) continue; // e.g. 100 Continue: the real answer follows
                InputStream body;
                if (status == 204 || status == 304 || "HEAD".equals(method)) {
                    body = InputStream.nullInputStream();
                } else if (chunked) {
                    body = new ChunkedInput(in);
                } else if (length >= 0) {
                    body = new LengthInput(in, length);
                } else {
                    body = in; // to the end of the connection
                    keepAlive = false;
                }
                return new Answer(status, keepAlive, body);
            }
        }

        /** One header line without its CRLF, in ISO-8859-1. */
        private String line(int[] budget, boolean first) throws IOException {
            StringBuilder s = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException(first && s.isEmpty() && !answered
                            ? "the server closed the connection without answering"
                            : "the server closed the connection in the middle of its answer's headers");
                }
                answered = true;
                if (--budget[0] < 0) throw new IOException("the server's answer has more than " + MAX_HEAD_BYTES + " bytes of headers");
                if (b == '\n') {
                    int end = s.length();
                    if (end > 0 && s.charAt(end - 1) == '\r') s.setLength(end - 1);
                    return s.toString();
                }
                s.append((char) b);
            }
        }

        void close() {
            open.remove(this);
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** An answer's body, read in blocks; a single byte is read as a block of one. */
    private abstract static class BodyInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** A body of a known length. */
    private static final class LengthInput extends BodyInput {
        private final InputStream in;
        private long left;

        LengthInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) return -1;
            if (len == 0) return 0;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("the server closed the connection with " + left + " bytes of its answer still to come");
            left -= n;
            return n;
        }
    }

    /** A body in chunks (Transfer-Encoding: chunked): each chunk's size in hex on a line, the last one 0, then trailers. */
    private static final class ChunkedInput extends BodyInput {
        private final InputStream in;
        private long left; // of the current chunk
        /** A chunk's data was read and the CRLF after it not yet. */
        private boolean crlfDue;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) return -1;
            if (len == 0) return 0;
            if (left == 0) {
                left = nextChunkSize();
                if (left == 0) {
                    while (!crlfLine().isEmpty()) {
                        // trailers: not used
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("the server closed the connection in the middle of a chunk");
            left -= n;
            crlfDue = left == 0;
            return n;
        }

        /**
         * The next chunk's size. The CRLF that ends the chunk before it is read only now: a server
         * may send it with the next chunk's header (Jetty does), and waiting for it sooner would hold
         * back the chunk already here.
         */
        private long nextChunkSize() throws IOException {
            if (crlfDue && !crlfLine().isEmpty()) throw new IOException("a chunk of the server's answer does not end with CRLF");
            crlfDue = false;
            String line = crlfLine();
            int semi = line.indexOf(';'); // chunk extensions
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            try {
                long size = Long.parseLong(hex, 16);
                if (size < 0) throw new NumberFormatException();
                return size;
            } catch (NumberFormatException e) {
                throw new IOException("the server sent a chunk size that is not valid: '" + clip(line) + "'");
            }
        }

        private String crlfLine() throws IOException {
            StringBuilder s = new StringBuilder(16);
            while (true) {
                int c = in.read();
                if (c < 0) throw new EOFException("the server closed the connection in the middle of a chunked answer");
                if (c == '\n') {
                    int end = s.length();
                    if (end > 0 && s.charAt(end - 1) == '\r') s.setLength(end - 1);
                    return s.toString();
                }
                if (s.length() > 4096) throw new IOException("a chunk header of the server's answer is too long");
                s.append((char) c);
            }
        }
    }
}

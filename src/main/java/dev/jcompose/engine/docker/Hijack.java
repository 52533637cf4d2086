package dev.jcompose.engine.docker;

import dev.jcompose.engine.EngineErrors;
import dev.jcompose.error.ComposeException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * One hijacked connection: an HTTP request answered by "101 UPGRADED", after which the socket carries the raw
 * stdio of an attach or exec. docker-java's hijacking cannot half-close the socket when stdin ends, so a
 * container reading stdin (`cat`) would never see EOF; this class owns the socket and can, as the docker CLI
 * does with CloseWrite. Plain unix and tcp hosts only (TLS hosts are refused with a clear message).
 *
 * <p>One thread may read while another writes: SocketChannel allows one reader and one writer at a time.
 */
final class Hijack implements Closeable {
    private static final int MAX_HEADER = 64 * 1024;

    private final SocketChannel channel;
    private final ChannelInput in;
    private final int status;
    private final Map<String, String> headers;

    private Hijack(SocketChannel channel, ChannelInput in, int status, Map<String, String> headers) {
        this.channel = channel;
        this.in = in;
        this.status = status;
        this.headers = headers;
    }

    /**
     * Sends {@code method path} (path includes the API prefix and query) with an optional JSON body and reads
     * the answer's head. A non-2xx/101 answer is thrown as the engine's error.
     */
    static Hijack open(URI host, Map<String, String> env, String method, String path, byte[] jsonBody) {
        SocketChannel channel = null;
        try {
            channel = connect(host, env);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: docker\r\nUser-Agent: jcompose\r\n")
                    .append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
            byte[] body = jsonBody == null ? new byte[0] : jsonBody;
            if (jsonBody != null) {
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            writeFully(channel, head.toString().getBytes(StandardCharsets.US_ASCII));
            writeFully(channel, body);
            ChannelInput in = new ChannelInput(channel);
            String statusLine = readLine(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw EngineErrors.failure("unexpected answer from " + host + ": " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            Hijack hijack = new Hijack(channel, in, status, headers);
            if (status >= 300) {
                String text = hijack.errorBody();
                hijack.close();
                throw DockerErrors.fromResponse(status, text);
            }
            return hijack;
        } catch (IOException e) {
            closeQuietly(channel);
            throw DockerErrors.fromIo(e, host);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static SocketChannel connect(URI host, Map<String, String> env) throws IOException {
        String scheme = host.getScheme() == null ? "" : host.getScheme();
        if (scheme.equals("unix")) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(host.getPath()));
            return channel;
        }
        if (scheme.equals("tcp")) {
            if (!env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty()) {
                throw new ComposeException(ComposeException.Kind.ENGINE,
                        "interactive streams (run, exec) over a TLS engine connection are not supported yet");
            }
            return SocketChannel.open(new InetSocketAddress(host.getHost(), host.getPort()));
        }
        throw EngineErrors.failure("unsupported engine host scheme: " + host);
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name);
    }

    /** The raw stream after the head: stdio frames (or tty bytes). */
    InputStream input() {
        return in;
    }

    /** Writes towards the container's stdin. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    /** Half-closes: the engine sees the end of stdin while output keeps flowing. */
    void closeWrite() {
        try {
            if (channel.isOpen()) {
                channel.shutdownOutput();
            }
        } catch (IOException ignored) {
            // the connection is gone; nothing left to tell the container
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private String errorBody() throws IOException {
        String length = headers.get("Content-Length");
        int limit = MAX_HEADER;
        if (length != null) {
            try {
                limit = Math.min(limit, Integer.parseInt(length.trim()));
            } catch (NumberFormatException ignored) {
                // read up to the limit
            }
        } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("Transfer-Encoding", ""))) {
            // one chunk is enough for an error message: "<hex>\r\n<data>\r\n"
            String size = readLine(in).split(";")[0].trim();
            limit = size.isEmpty() ? 0 : Math.min(limit, Integer.parseInt(size, 16));
        }
        return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() > MAX_HEADER) {
                throw new IOException("HTTP header line too long");
            }
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("connection closed before the answer");
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /** Buffered reads straight from the channel (Channels.newInputStream would serialise with writers). */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(32 * 1024).flip();

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        private boolean fill() throws IOException {
            if (buffer.hasRemaining()) {
                return true;
            }
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (java.nio.channels.AsynchronousCloseException e) {
                n = -1;
            }
            buffer.flip();
            return n > 0;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }
    }
}

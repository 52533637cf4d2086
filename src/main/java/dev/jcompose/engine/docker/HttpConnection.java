package dev.jcompose.engine.docker;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One keep-alive HTTP/1.1 connection of {@link UnixHttpClient}: writes a request, reads its whole answer
 * (Content-Length, chunked, or up to EOF). Reads are non-blocking with a selector so that the response timeout
 * bounds the wait for every byte; a plain blocking channel cannot time out.
 */
final class HttpConnection {
    private static final int MAX_LINE = 64 * 1024;

    /** The connection was dead before the engine could have seen the request: safe to send again elsewhere. */
    static final class NothingReceived extends IOException {
        NothingReceived(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A whole answer; reusable when the connection may carry the next request. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, boolean reusable) {
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final long timeoutMillis;
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024).flip();
    private long deadline;
    private long received;

    HttpConnection(SocketChannel channel, Duration responseTimeout) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        this.timeoutMillis = Math.max(1, responseTimeout.toMillis());
    }

    /**
     * Sends {@code head} (request line and headers, without Content-Length and the blank line) and body.
     * {@code retryable}: a GET/DELETE whose connection turns out dead before any answer byte.
     */
    Answer exchange(byte[] head, byte[] body, boolean retryable) throws IOException {
        received = 0;
        byte[] length = ("Content-Length: " + (body == null ? 0 : body.length) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            write(head);
            write(length);
            if (body != null) {
                write(body);
            }
        } catch (IOException e) {
            throw new NothingReceived("engine closed the connection", e);
        }
        deadline = System.currentTimeMillis() + timeoutMillis;
        try {
            return readAnswer(head);
        } catch (EOFException e) {
            if (received == 0 && retryable) {
                throw new NothingReceived("engine closed the connection", e);
            }
            throw e;
        }
    }

    private Answer readAnswer(byte[] head) throws IOException {
        String statusLine = line();
        int status = status(statusLine);
        Map<String, List<String>> headers = headers();
        while (status >= 100 && status < 200 && status != 101) { // 100 Continue and friends: the real answer follows
            status = status(line());
            headers = headers();
        }
        boolean http11 = statusLine.startsWith("HTTP/1.1");
        String connection = first(headers, "Connection").toLowerCase(Locale.ROOT);
        boolean keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
        boolean noBody = status == 204 || status == 304 || startsWith(head, "HEAD ");
        if (noBody) {
            return new Answer(status, headers, new byte[0], keepAlive);
        }
        if (first(headers, "Transfer-Encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Answer(status, headers, chunked(), keepAlive);
        }
        String length = first(headers, "Content-Length");
        if (!length.isEmpty()) {
            return new Answer(status, headers, exactly(Long.parseLong(length.trim())), keepAlive);
        }
        return new Answer(status, headers, untilEof(), false);
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("unexpected answer from the engine: " + line);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("unexpected answer from the engine: " + line, e);
        }
    }

    private Map<String, List<String>> headers() throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size from the engine: " + sizeLine, e);
            }
            if (size == 0) {
                while (!line().isEmpty()) { // trailers
                    continue;
                }
                return out.toByteArray();
            }
            out.writeBytes(exactly(size));
            if (!line().isEmpty()) {
                throw new IOException("bad chunk end from the engine");
            }
        }
    }

    private byte[] exactly(long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
            throw new IOException("bad answer length from the engine: " + length);
        }
        byte[] out = new byte[(int) length];
        int at = 0;
        while (at < out.length) {
            fill();
            int n = Math.min(out.length - at, in.remaining());
            in.get(out, at, n);
            at += n;
        }
        return out;
    }

    private byte[] untilEof() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            while (true) {
                fill();
                out.write(in.array(), in.position(), in.remaining());
                in.position(in.limit());
            }
        } catch (EOFException end) {
            return out.toByteArray();
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            fill();
            byte b = in.get();
            if (b == '\n') {
                break;
            }
            if (line.size() > MAX_LINE) {
                throw new IOException("HTTP header line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** At least one unread byte in the buffer, else EOFException; waits at most until the deadline. */
    private void fill() throws IOException {
        if (in.hasRemaining()) {
            return;
        }
        in.clear();
        try {
            while (true) {
                int n = channel.read(in);
                if (n > 0) {
                    received += n;
                    return;
                }
                if (n < 0) {
                    throw new EOFException("the engine closed the connection");
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new SocketTimeoutException("Read timed out");
                }
                selector.select(left);
                selector.selectedKeys().clear();
            }
        } finally {
            in.flip();
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                // the engine is not reading yet: wait for room without spinning
                SelectionKey key = channel.keyFor(selector);
                key.interestOps(SelectionKey.OP_WRITE);
                try {
                    if (selector.select(timeoutMillis) == 0) {
                        throw new SocketTimeoutException("Write timed out");
                    }
                    selector.selectedKeys().clear();
                } finally {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
        }
    }

    /** False when the engine closed the idle connection (or sent something unasked). */
    boolean stillOpen() {
        if (!channel.isOpen() || in.hasRemaining()) {
            return false;
        }
        try {
            in.clear();
            int n = channel.read(in);
            in.flip();
            return n == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] head, String prefix) {
        return new String(head, 0, Math.min(head.length, prefix.length()), StandardCharsets.US_ASCII)
                .equals(prefix);
    }

    void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // best effort
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}

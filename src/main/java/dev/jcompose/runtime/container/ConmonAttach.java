package dev.jcompose.runtime.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A connection to conmon's attach socket (SOCK_SEQPACKET): each packet conmon sends is one chunk of output, its
 * first byte the stream (2 stdout, 3 stderr; a TTY's output is all stdout); each packet we send is raw stdin.
 * When we end our side, conmon closes the process's stdin unless it runs with --leave-stdin-open.
 */
public final class ConmonAttach implements AutoCloseable {
    public static final int STDOUT = 2;
    public static final int STDERR = 3;
    /** conmon reads client packets into a 32 KiB buffer: a larger packet would be cut. */
    private static final int MAX_PACKET = 8192;

    /** Receives one chunk of output. */
    @FunctionalInterface
    public interface OutputSink {
        void write(int stream, byte[] data) throws IOException;
    }

    private final SeqPacketSocket socket;

    private ConmonAttach(SeqPacketSocket socket) {
        this.socket = socket;
    }

    /**
     * Connects, retrying for up to {@code patienceMillis} while conmon is still setting the socket up (it binds
     * before it listens).
     */
    public static ConmonAttach connect(Path socketPath, long patienceMillis) throws IOException {
        long deadline = System.nanoTime() + patienceMillis * 1_000_000L;
        long pause = 1;
        while (true) {
            try {
                return new ConmonAttach(SeqPacketSocket.connect(socketPath));
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + socketPath);
            }
            pause = Math.min(pause * 2, 10);
        }
    }

    /**
     * Copies output packets to {@code sink} until conmon closes the connection (the process ended) or
     * {@link #close} is called. Blocks in native code: call it on a platform thread.
     */
    public void copyOutput(OutputSink sink) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            int n = socket.receive(buffer);
            if (n <= 0) {
                return;
            }
            if (n > 1) {
                sink.write(buffer[0], Arrays.copyOfRange(buffer, 1, n));
            }
        }
    }

    /** Reads packets and drops them: conmon blocks on a client that does not read, and so would the container. */
    public void discardOutput() {
        try {
            copyOutput((stream, data) -> { });
        } catch (IOException e) {
            // the connection is over either way
        }
    }

    /** Forwards {@code in} as stdin until it ends, then ends our side (conmon closes stdin, unless told not to). */
    public void copyInput(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_PACKET];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n > 0) {
                socket.send(buffer, n);
            }
        }
        socket.shutdownOutput();
    }

    /** Sends bytes as stdin, in packets conmon reads whole. */
    public void send(byte[] data, int offset, int length) throws IOException {
        for (int at = offset; at < offset + length; at += MAX_PACKET) {
            int n = Math.min(MAX_PACKET, offset + length - at);
            socket.send(Arrays.copyOfRange(data, at, at + n), n);
        }
    }

    public void endInput() {
        socket.shutdownOutput();
    }

    /** Wakes a thread in {@link #copyOutput}; the connection is released. */
    @Override
    public void close() {
        socket.close();
    }
}

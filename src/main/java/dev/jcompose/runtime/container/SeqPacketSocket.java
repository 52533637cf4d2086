package dev.jcompose.runtime.container;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A client of a unix SOCK_SEQPACKET socket, the kind conmon's attach socket is: the JDK only speaks stream
 * sockets over AF_UNIX. Reads block in native code, so callers use platform threads (a virtual thread would pin
 * its carrier). {@link #shutdown} wakes a blocked reader.
 */
final class SeqPacketSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;
    private static final int SHUT_WR = 1;
    private static final int SHUT_RDWR = 2;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EINTR = 4;
    /** sun_path holds 108 bytes; longer paths go through the directory's /proc/self/fd entry. */
    private static final int SUN_PATH = 108;

    private interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int connect(int fd, byte[] address, int length) throws LastErrorException;

        long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

        long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

        int shutdown(int fd, int how) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int open(String path, int flags) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private final int fd;
    private volatile boolean closed;

    private SeqPacketSocket(int fd) {
        this.fd = fd;
    }

    /** Connects to the socket at {@code path}; IOException when nobody listens there (yet). */
    static SeqPacketSocket connect(Path path) throws IOException {
        LibC c = Holder.LIBC;
        int fd;
        try {
            fd = c.socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("socket: errno " + e.getErrorCode());
        }
        int dir = -1;
        try {
            String target = path.toString();
            if (target.getBytes(StandardCharsets.UTF_8).length >= SUN_PATH) {
                dir = c.open(path.getParent().toString(), O_PATH | O_CLOEXEC);
                target = "/proc/self/fd/" + dir + "/" + path.getFileName();
            }
            byte[] address = address(target);
            c.connect(fd, address, address.length);
            return new SeqPacketSocket(fd);
        } catch (LastErrorException e) {
            c.close(fd);
            throw new IOException("connect " + path + ": errno " + e.getErrorCode());
        } finally {
            if (dir >= 0) {
                c.close(dir);
            }
        }
    }

    private static byte[] address(String path) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH) {
            throw new IOException("socket path too long: " + path);
        }
        byte[] a = new byte[2 + SUN_PATH];
        a[0] = AF_UNIX; // sa_family_t, little endian
        System.arraycopy(name, 0, a, 2, name.length);
        return a;
    }

    /** Sends one packet. */
    void send(byte[] data, int length) throws IOException {
        byte[] packet = length == data.length ? data : java.util.Arrays.copyOf(data, length);
        while (true) {
            try {
                Holder.LIBC.send(fd, packet, length, MSG_NOSIGNAL);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw new IOException("send: errno " + e.getErrorCode());
                }
            }
        }
    }

    /** Reads one packet into {@code buffer}; 0 at the end of the stream. */
    int receive(byte[] buffer) throws IOException {
        while (true) {
            try {
                return (int) Holder.LIBC.recv(fd, buffer, buffer.length, 0);
            } catch (LastErrorException e) {
                if (closed) {
                    return 0;
                }
                if (e.getErrorCode() != EINTR) {
                    throw new IOException("recv: errno " + e.getErrorCode());
                }
            }
        }
    }

    /** No more packets from us: the peer reads the end of the stream. */
    void shutdownOutput() {
        try {
            Holder.LIBC.shutdown(fd, SHUT_WR);
        } catch (LastErrorException e) {
            // already closed by the peer
        }
    }

    /** Ends both directions, waking a thread blocked in {@link #receive}. */
    void shutdown() {
        try {
            Holder.LIBC.shutdown(fd, SHUT_RDWR);
        } catch (LastErrorException e) {
            // already gone
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            shutdown();
            try {
                Holder.LIBC.close(fd);
            } catch (LastErrorException e) {
                // nothing left to release
            }
        }
    }
}

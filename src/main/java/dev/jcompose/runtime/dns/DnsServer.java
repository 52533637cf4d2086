package dev.jcompose.runtime.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One network's DNS listener: UDP and TCP on the same address and port. Each query runs on a virtual thread,
 * at most {@code maxConcurrent} at once (moby's limit is 100); beyond that UDP queries are dropped (the client
 * retries) and TCP connections closed. Each listener runs under a supervisor loop, the watchdog: if its socket
 * dies for any reason it is bound again within {@link #RESTART_DELAY_MS} ms, retrying until {@link #close()}.
 */
public final class DnsServer implements AutoCloseable {
    static final int RESTART_DELAY_MS = 100;
    private static final int TCP_IDLE_MS = 10_000;

    private final String network;
    private final InetAddress address;
    private final DnsHandler handler;
    private final Semaphore permits;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile int port;
    private volatile boolean closed;
    /** Guards binding against closing (see supervise). */
    private final Object sockets = new Object();
    private volatile DatagramSocket udp;
    private volatile ServerSocket tcp;
    private Thread udpWatchdog;
    private Thread tcpWatchdog;

    public DnsServer(String network, InetAddress address, int port, DnsHandler handler, int maxConcurrent) {
        this.network = network;
        this.address = address;
        this.port = port;
        this.handler = handler;
        this.permits = new Semaphore(maxConcurrent);
    }

    /**
     * Binds both sockets now, so a busy port or a missing address fails here, then serves. Port 0 picks a port
     * free for UDP and TCP alike.
     */
    public synchronized DnsServer start() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            DatagramSocket u = bindUdp(port);
            try {
                tcp = bindTcp(u.getLocalPort());
                udp = u;
                port = u.getLocalPort();
                break;
            } catch (IOException e) {
                u.close();
                last = e;
                if (port != 0) {
                    throw e;
                }
            }
        }
        if (udp == null) {
            throw last;
        }
        udpWatchdog = Thread.ofVirtual().name("dns-udp-" + network).start(() -> supervise(true));
        tcpWatchdog = Thread.ofVirtual().name("dns-tcp-" + network).start(() -> supervise(false));
        return this;
    }

    public int port() {
        return port;
    }

    public InetAddress address() {
        return address;
    }

    /** How many times a listener was bound again after dying. */
    public int restarts() {
        return restarts.get();
    }

    /** Test hook: closes the live sockets as a crash would, without stopping the server. */
    void killSockets() {
        DatagramSocket u = udp;
        ServerSocket t = tcp;
        if (u != null) {
            u.close();
        }
        if (t != null) {
            try {
                t.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }

    private void supervise(boolean isUdp) {
        while (!closed) {
            try {
                // Under the lock close() takes: a socket bound again just after close() would stay bound for good
                // (nobody closes it), and the next daemon's bind of this address would fail.
                synchronized (sockets) {
                    if (closed) {
                        return;
                    }
                    if (isUdp && (udp == null || udp.isClosed())) {
                        udp = bindUdp(port);
                        restarts.incrementAndGet();
                    } else if (!isUdp && (tcp == null || tcp.isClosed())) {
                        tcp = bindTcp(port);
                        restarts.incrementAndGet();
                    }
                }
                if (isUdp) {
                    serveUdp(udp);
                } else {
                    serveTcp(tcp);
                }
            } catch (Throwable t) {
                // The listener died (socket closed, address gone, an Error): bind again after a pause.
            }
            if (!closed) {
                closeQuietly(isUdp);
                try {
                    Thread.sleep(RESTART_DELAY_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void serveUdp(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            socket.receive(packet);
            if (!permits.tryAcquire()) {
                continue;
            }
            byte[] query = new byte[packet.getLength()];
            System.arraycopy(buf, 0, query, 0, query.length);
            SocketAddress client = packet.getSocketAddress();
            String clientIp = packet.getAddress().getHostAddress();
            Thread.ofVirtual().start(() -> {
                try {
                    byte[] answer = handler.answer(network, query, clientIp, false);
                    if (answer != null) {
                        socket.send(new DatagramPacket(answer, answer.length, client));
                    }
                } catch (IOException | RuntimeException e) {
                    // the socket was restarted meanwhile or the client is gone: it will ask again
                } finally {
                    permits.release();
                }
            });
        }
    }

    private void serveTcp(ServerSocket server) throws IOException {
        while (!closed) {
            Socket conn = server.accept();
            if (!permits.tryAcquire()) {
                conn.close();
                continue;
            }
            Thread.ofVirtual().start(() -> {
                try (conn) {
                    conn.setSoTimeout(TCP_IDLE_MS);
                    DataInputStream in = new DataInputStream(conn.getInputStream());
                    DataOutputStream out = new DataOutputStream(conn.getOutputStream());
                    String clientIp = conn.getInetAddress().getHostAddress();
                    while (!closed) {
                        byte[] query = new byte[in.readUnsignedShort()];
                        in.readFully(query);
                        byte[] answer = handler.answer(network, query, clientIp, true);
                        if (answer == null) {
                            break;
                        }
                        out.writeShort(answer.length);
                        out.write(answer);
                        out.flush();
                    }
                } catch (EOFException e) {
                    // the client closed the connection between queries
                } catch (IOException | RuntimeException e) {
                    // idle timeout or broken connection
                } finally {
                    permits.release();
                }
            });
        }
    }

    private DatagramSocket bindUdp(int p) throws IOException {
        // No SO_REUSEADDR for UDP: it would let two servers share the port silently (UDP has no TIME_WAIT).
        DatagramSocket s = new DatagramSocket(null);
        s.bind(new InetSocketAddress(address, p));
        return s;
    }

    private ServerSocket bindTcp(int p) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(address, p), 128);
        return s;
    }

    private void closeQuietly(boolean isUdp) {
        if (isUdp) {
            DatagramSocket u = udp;
            if (u != null) {
                u.close();
            }
        } else {
            ServerSocket t = tcp;
            if (t != null) {
                try {
                    t.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        synchronized (sockets) {
            closed = true;
            closeQuietly(true);
            closeQuietly(false);
        }
        for (Thread t : new Thread[] {udpWatchdog, tcpWatchdog}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

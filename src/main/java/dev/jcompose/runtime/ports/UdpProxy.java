package dev.jcompose.runtime.ports;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * UDP userland proxy. UDP has no connections, so each client address gets a session: its own socket towards
 * the container (the container sees one peer per client and its replies find the way back), closed after
 * {@code idleTimeout} without traffic (Docker uses 90 s). Sessions are capped so a flood of spoofed sources
 * cannot exhaust file descriptors.
 */
final class UdpProxy implements Proxy {
    static final int MAX_SESSIONS = 1024;

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final Duration idleTimeout;
    private final PublishedPort port;
    private final Map<SocketAddress, Session> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Thread receiver;

    UdpProxy(InetSocketAddress bindTo, InetSocketAddress target, int containerPort, Duration idleTimeout)
            throws IOException {
        DatagramSocket s = new DatagramSocket(null);
        try {
            s.bind(bindTo);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        this.socket = s;
        this.target = target;
        this.idleTimeout = idleTimeout;
        this.port = new PublishedPort(bindTo.getAddress().getHostAddress(), s.getLocalPort(),
                target.getAddress().getHostAddress(), containerPort, "udp");
    }

    @Override
    public PublishedPort port() {
        return port;
    }

    int sessionCount() {
        return sessions.size();
    }

    @Override
    public void start() {
        receiver = Thread.ofVirtual().name("proxy-udp-" + port.hostPort()).start(this::receiveLoop);
    }

    private void receiveLoop() {
        byte[] buf = new byte[65535];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                Session s = sessions.get(p.getSocketAddress());
                if (s == null) {
                    if (sessions.size() >= MAX_SESSIONS) {
                        continue;
                    }
                    s = new Session(p.getSocketAddress());
                    sessions.put(p.getSocketAddress(), s);
                    Session started = s;
                    Thread.ofVirtual().start(started::repliesLoop);
                }
                s.toContainer(p.getData(), p.getLength());
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** One client's flow: client → container through {@code upstream}, replies back through the main socket. */
    private final class Session {
        private final SocketAddress client;
        private final DatagramSocket upstream;
        private volatile long lastActivity = System.nanoTime();

        Session(SocketAddress client) throws IOException {
            this.client = client;
            this.upstream = new DatagramSocket();
            upstream.connect(target);
        }

        void toContainer(byte[] data, int length) throws IOException {
            lastActivity = System.nanoTime();
            try {
                upstream.send(new DatagramPacket(data, length));
            } catch (IOException e) {
                // ICMP port unreachable from a container not listening yet: drop, as the network would
            }
        }

        void repliesLoop() {
            byte[] buf = new byte[65535];
            try {
                upstream.setSoTimeout((int) Math.max(50, idleTimeout.toMillis() / 4));
                while (!closed) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        upstream.receive(p);
                        lastActivity = System.nanoTime();
                        socket.send(new DatagramPacket(p.getData(), p.getLength(), client));
                    } catch (SocketTimeoutException e) {
                        if (System.nanoTime() - lastActivity > idleTimeout.toNanos()) {
                            return;
                        }
                    } catch (java.net.PortUnreachableException e) {
                        // the container is not listening (yet); keep the session until idle
                    }
                }
            } catch (IOException e) {
                // socket closed
            } finally {
                sessions.remove(client, this);
                upstream.close();
            }
        }

        void close() {
            upstream.close();
        }
    }

    /** Returns once the port is free (see {@link TcpProxy#close()}). */
    @Override
    public void close() {
        closed = true;
        socket.close();
        Proxies.join(receiver);
        sessions.values().forEach(Session::close);
        sessions.clear();
    }
}

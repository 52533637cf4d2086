package dev.jcompose.runtime.ports;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A host port held but not served, for DNAT publishing: as dockerd's "dummy proxy", the bound socket keeps any
 * other process (or a second publish) from taking the port while DNAT rules carry the traffic, so "port is already
 * allocated" and "address already in use" still fail before the container starts. A TCP socket listens (the
 * port shows in {@code ss -lnt}, as with dockerd) but never accepts: DNAT'd packets do not reach it.
 */
final class Reservation implements Proxy {
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final PublishedPort port;

    Reservation(InetSocketAddress bindTo, InetSocketAddress target, int containerPort, String protocol)
            throws IOException {
        int bound;
        if (protocol.equals("udp")) {
            DatagramSocket s = new DatagramSocket(null);
            try {
                s.bind(bindTo);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            this.udp = s;
            this.tcp = null;
            bound = s.getLocalPort();
        } else {
            ServerSocket s = new ServerSocket();
            try {
                s.setReuseAddress(true); // as the proxy: a restarted container gets its port back despite TIME_WAIT
                s.bind(bindTo, 1);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            this.tcp = s;
            this.udp = null;
            bound = s.getLocalPort();
        }
        this.port = new PublishedPort(bindTo.getAddress().getHostAddress(), bound, target.getAddress().getHostAddress(),
                containerPort, protocol);
    }

    @Override
    public PublishedPort port() {
        return port;
    }

    /** Nothing to serve: the kernel forwards. */
    @Override
    public void start() {
    }

    /** No thread ever blocks on these sockets, so closing frees the port at once. */
    @Override
    public void close() {
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        if (udp != null) {
            udp.close();
        }
    }
}

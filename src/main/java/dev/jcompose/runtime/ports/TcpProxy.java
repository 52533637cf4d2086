package dev.jcompose.runtime.ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TCP userland proxy: accept on the host port, connect to the container, copy both ways on virtual threads.
 * End-of-stream in one direction is passed on as a half-close, so request/response protocols that shut down
 * their sending side still get their answer; the pair is closed when both directions are done.
 */
final class TcpProxy implements Proxy {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int BUFFER = 32 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final PublishedPort port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread acceptor;

    /** Binds now: the caller learns about a busy port before anything else happens. */
    TcpProxy(InetSocketAddress bindTo, InetSocketAddress target, int containerPort) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true); // a restarted container must get its port back despite TIME_WAIT
            s.bind(bindTo, 512);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        this.server = s;
        this.target = target;
        this.port = new PublishedPort(bindTo.getAddress().getHostAddress(), s.getLocalPort(),
                target.getAddress().getHostAddress(), containerPort, "tcp");
    }

    @Override
    public PublishedPort port() {
        return port;
    }

    @Override
    public void start() {
        acceptor = Thread.ofVirtual().name("proxy-tcp-" + port.hostPort()).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (closed) {
                closeQuietly(client); // accepted while closing: the container is going away
                return;
            }
            Thread.ofVirtual().start(() -> serve(client));
        }
    }

    private void serve(Socket client) {
        open.add(client);
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target, CONNECT_TIMEOUT_MS);
            open.add(upstream);
            Thread back = Thread.ofVirtual().start(() -> pump(upstream, client));
            pump(client, upstream);
            back.join();
        } catch (IOException e) {
            // the container refused or is gone: the client sees its connection closed, as with Docker's proxy
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
            open.remove(client);
            open.remove(upstream);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[BUFFER];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // a reset on one side ends both directions
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /**
     * Stops listening and cuts live connections (the container is stopping). Returns only once the port is
     * really free: a socket blocked in accept on a virtual thread is released by that thread, so it is joined.
     */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        Proxies.join(acceptor);
        open.forEach(TcpProxy::closeQuietly);
    }
}

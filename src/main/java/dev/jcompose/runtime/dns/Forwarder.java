package dev.jcompose.runtime.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Sends a query unchanged to upstream resolvers, in order, at most {@link #MAX_UPSTREAMS} of them (as moby does),
 * and returns the first answer. A truncated UDP answer is retried over TCP so large records still arrive.
 * Runs in the daemon, i.e. in the host's network namespace: loopback upstreams work.
 */
public final class Forwarder implements DnsHandler.Forwarding {
    public static final int MAX_UPSTREAMS = 3;

    private final Duration timeout;

    public Forwarder(Duration timeout) {
        this.timeout = timeout;
    }

    /** The upstream's answer, or null when none answered in time. */
    @Override
    public byte[] forward(byte[] query, List<InetSocketAddress> upstreams, boolean tcp) {
        int tried = 0;
        for (InetSocketAddress upstream : upstreams) {
            if (tried++ == MAX_UPSTREAMS) {
                break;
            }
            try {
                byte[] answer = tcp ? viaTcp(query, upstream) : viaUdp(query, upstream);
                if (!tcp && truncated(answer)) {
                    answer = viaTcp(query, upstream);
                }
                return answer;
            } catch (IOException e) {
                // unreachable, refused or timed out: try the next one
            }
        }
        return null;
    }

    private byte[] viaUdp(byte[] query, InetSocketAddress upstream) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.send(new DatagramPacket(query, query.length, upstream));
            byte[] buf = new byte[65535];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                // Only the upstream's reply to this query id counts; anything else is noise or spoofing.
                if (p.getSocketAddress().equals(upstream) && p.getLength() >= 2 && sameId(query, buf)) {
                    byte[] out = new byte[p.getLength()];
                    System.arraycopy(buf, 0, out, 0, out.length);
                    return out;
                }
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("no answer from " + upstream);
                }
            }
        }
    }

    private byte[] viaTcp(byte[] query, InetSocketAddress upstream) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(upstream, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            return answer;
        }
    }

    private static boolean sameId(byte[] a, byte[] b) {
        return a[0] == b[0] && a[1] == b[1];
    }

    private static boolean truncated(byte[] message) {
        return message.length > 2 && (message[2] & 0x02) != 0;
    }
}

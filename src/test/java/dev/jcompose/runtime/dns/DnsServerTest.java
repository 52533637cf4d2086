package dev.jcompose.runtime.dns;

import static dev.jcompose.runtime.dns.DnsTestClient.answers;
import static dev.jcompose.runtime.dns.DnsTestClient.ask;
import static dev.jcompose.runtime.dns.DnsTestClient.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Real sockets on 127.0.0.1, a free high port each, queried with dnsjava's SimpleResolver. */
class DnsServerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private EmbeddedDns dns(List<InetSocketAddress> upstreams) {
        EmbeddedDns d = new EmbeddedDns(0, () -> upstreams, Duration.ofMillis(500));
        toClose.add(d);
        return d;
    }

    @Test
    void answersOverUdpAndTcp() throws IOException {
        EmbeddedDns d = dns(List.of());
        int port = d.startNetwork("front", "127.0.0.1", false).port();
        d.register("front", "web", "172.18.0.2");
        d.register("front", "web", "172.18.0.3");
        for (boolean tcp : new boolean[] {false, true}) {
            Message m = ask(port, query("web", Type.A), tcp);
            assertEquals(Set.of("172.18.0.2", "172.18.0.3"), new HashSet<>(answers(m)), "tcp=" + tcp);
        }
        assertEquals(Rcode.NXDOMAIN, ask(port, query("nope", Type.A), false).getRcode());
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            ask(port, query("web", Type.A), false);
        }
        System.out.printf("MEASURED dns: %.0f us per UDP query (SimpleResolver, loopback, mean of 300)%n",
                (System.nanoTime() - start) / 1000.0 / 300);
        d.unregisterAddress("front", "172.18.0.3");
        assertEquals(List.of("172.18.0.2"), answers(ask(port, query("web", Type.A), false)), "scale-down is visible at once");
    }

    @Test
    void forwardsUnknownNamesToTheUpstreamAndRelaysItsAnswer() throws IOException {
        EmbeddedDns upstream = dns(List.of());
        int upstreamPort = upstream.startNetwork("world", "127.0.0.1", false).port();
        upstream.register("world", "deb.debian.org", "203.0.113.80");
        EmbeddedDns d = dns(List.of(new InetSocketAddress("127.0.0.1", upstreamPort)));
        int port = d.startNetwork("front", "127.0.0.1", true).port();
        d.register("front", "web", "172.18.0.2");
        for (boolean tcp : new boolean[] {false, true}) {
            assertEquals(List.of("203.0.113.80"), answers(ask(port, query("deb.debian.org", Type.A), tcp)));
        }
        assertEquals(List.of("172.18.0.2"), answers(ask(port, query("web", Type.A), false)));
        assertEquals(Rcode.NXDOMAIN, ask(port, query("unknown.example", Type.A), false).getRcode(),
                "the upstream's NXDOMAIN comes back as it is");
    }

    @Test
    void deadUpstreamGivesServfail() throws IOException {
        int deadPort;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        EmbeddedDns d = dns(List.of(new InetSocketAddress("127.0.0.1", deadPort)));
        int port = d.startNetwork("front", "127.0.0.1", true).port();
        assertEquals(Rcode.SERVFAIL, ask(port, query("example.org", Type.A), false).getRcode());
    }

    @Test
    void watchdogRebindsAKilledListenerWithinTwoSeconds() throws Exception {
        EmbeddedDns d = dns(List.of());
        DnsServer server = d.startNetwork("front", "127.0.0.1", false);
        d.register("front", "web", "172.18.0.2");
        server.killSockets();
        long start = System.nanoTime();
        List<String> udp = List.of();
        List<String> tcp = List.of();
        while (System.nanoTime() - start < 2_000_000_000L && (udp.isEmpty() || tcp.isEmpty())) {
            // short timeouts: a query lost while the socket was down must not eat the whole 2 s budget
            udp = udp.isEmpty() ? tryAsk(server.port(), false, Duration.ofMillis(200)) : udp;
            tcp = tcp.isEmpty() ? tryAsk(server.port(), true, Duration.ofMillis(200)) : tcp;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("MEASURED dns watchdog: answering again " + ms + " ms after the sockets were killed");
        assertEquals(List.of("172.18.0.2"), udp, "UDP answers again after " + ms + " ms");
        assertEquals(List.of("172.18.0.2"), tcp, "TCP answers again after " + ms + " ms");
        assertTrue(server.restarts() >= 2, "both listeners were bound again");
    }

    private static List<String> tryAsk(int port, boolean tcp) {
        return tryAsk(port, tcp, Duration.ofSeconds(2));
    }

    private static List<String> tryAsk(int port, boolean tcp, Duration timeout) {
        try {
            return answers(DnsTestClient.ask(port, query("web", Type.A), tcp, timeout));
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void concurrencyIsBounded() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        NameTable table = new NameTable();
        table.register("n", "web", "10.0.0.2");
        DnsHandler slow = new DnsHandler(table, (n, c) -> {
            maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return List.of(n);
        }, (n, c) -> List.of(), (q, u, t) -> null);
        DnsServer server = new DnsServer("n", InetAddress.getLoopbackAddress(), 0, slow, 3).start();
        toClose.add(server);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            results.add(pool.submit(() -> tryAsk(server.port(), true)));
        }
        int answered = 0;
        for (Future<List<String>> f : results) {
            answered += f.get().isEmpty() ? 0 : 1;
        }
        pool.close();
        assertTrue(maxSeen.get() <= 3, "at most 3 queries in flight, saw " + maxSeen.get());
        assertTrue(answered >= 3, "queries within the limit are answered: " + answered);
    }

    @Test
    void aBusyAddressFailsAtStart() throws IOException {
        EmbeddedDns d = dns(List.of());
        int port = d.startNetwork("a", "127.0.0.1", false).port();
        EmbeddedDns second = new EmbeddedDns(port, List::of, Duration.ofMillis(100));
        toClose.add(second);
        RuntimeError e = assertThrows(RuntimeError.class, () -> second.startNetwork("b", "127.0.0.1", false));
        assertTrue(e.getMessage().contains("cannot start the embedded DNS for network b"), e.getMessage());
        d.stopNetwork("a");
        second.startNetwork("b", "127.0.0.1", false);
    }
}

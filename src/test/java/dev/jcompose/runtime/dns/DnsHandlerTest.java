package dev.jcompose.runtime.dns;

import static dev.jcompose.runtime.dns.DnsTestClient.answers;
import static dev.jcompose.runtime.dns.DnsTestClient.query;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The answering logic without sockets: a forwarder stand-in records what would go upstream. */
class DnsHandlerTest {
    private final NameTable table = new NameTable();
    private final List<byte[]> forwarded = new ArrayList<>();
    private byte[] upstreamAnswer;
    private List<InetSocketAddress> upstreams = List.of(new InetSocketAddress("192.0.2.53", 53));

    private final DnsHandler.Forwarding fakeForwarder = (query, targets, tcp) -> {
        forwarded.add(query);
        return upstreamAnswer;
    };

    private DnsHandler handler(DnsHandler.Scope scope) {
        return new DnsHandler(table, scope, (n, c) -> upstreams, fakeForwarder);
    }

    private Message ask(Message q) throws IOException {
        return new Message(handler((n, c) -> List.of(n)).answer("front", q.toWire(), "172.18.0.9", false));
    }

    @Test
    void answersEveryReplicaWithDockersTtlInVaryingOrder() throws IOException {
        table.register("front", "web", "172.18.0.2");
        table.register("front", "web", "172.18.0.3");
        table.register("front", "web", "172.18.0.4");
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Message m = ask(query("web", Type.A));
            assertEquals(Rcode.NOERROR, m.getRcode());
            assertEquals(Set.of("172.18.0.2", "172.18.0.3", "172.18.0.4"), new HashSet<>(answers(m)));
            assertEquals(600, m.getSection(Section.ANSWER).get(0).getTTL());
            assertTrue(m.getHeader().getFlag(Flags.QR) && m.getHeader().getFlag(Flags.RA));
            orders.add(answers(m));
        }
        assertTrue(orders.size() > 1, "the order of the A records is shuffled per answer");
        assertTrue(forwarded.isEmpty(), "our names never go upstream");
    }

    @Test
    void namesAreCaseInsensitiveAndScopedToTheNetwork() throws IOException {
        table.register("front", "Web", "172.18.0.2");
        table.register("back", "db", "172.19.0.2");
        assertEquals(List.of("172.18.0.2"), answers(ask(query("WEB", Type.A))));
        upstreamAnswer = null;
        upstreams = List.of();
        assertEquals(Rcode.NXDOMAIN, ask(query("db", Type.A)).getRcode(), "another network's names are invisible");
        DnsHandler wide = handler((n, c) -> List.of(n, "back"));
        Message viaScope = new Message(wide.answer("front", query("db", Type.A).toWire(), "172.18.0.9", false));
        assertEquals(List.of("172.19.0.2"), answers(viaScope), "a container on both networks sees both");
    }

    @Test
    void aaaaOfAKnownNameIsAnEmptySuccess() throws IOException {
        table.register("front", "web", "172.18.0.2");
        Message m = ask(query("web", Type.AAAA));
        assertEquals(Rcode.NOERROR, m.getRcode());
        assertTrue(m.getSection(Section.ANSWER).isEmpty());
        assertTrue(forwarded.isEmpty());
    }

    @Test
    void ptrNamesTheContainerAndItsNetwork() throws IOException {
        table.register("front", "web-1", "172.18.0.2");
        Message m = ask(DnsTestClient.ptrQuery("172.18.0.2"));
        assertEquals(List.of("web-1.front."), answers(m));
        assertEquals("172.18.0.2", DnsHandler.reverseToIp("2.0.18.172"));
        assertNull(DnsHandler.reverseToIp("0.18.172"));
        assertNull(DnsHandler.reverseToIp("2.0.18.300"));
    }

    @Test
    void unknownNamesAreForwardedVerbatimAndTheAnswerPassedBack() throws IOException {
        Message q = query("deb.debian.org", Type.A);
        Message upstream = new Message(q.getHeader().getID());
        upstream.getHeader().setFlag(Flags.QR);
        upstream.addRecord(q.getQuestion(), Section.QUESTION);
        upstreamAnswer = upstream.toWire();
        byte[] out = handler((n, c) -> List.of(n)).answer("front", q.toWire(), "172.18.0.9", false);
        assertArrayEquals(upstreamAnswer, out);
        assertArrayEquals(q.toWire(), forwarded.get(0));
    }

    @Test
    void failedUpstreamsGiveServfailAndNoUpstreamGivesNxdomain() throws IOException {
        upstreamAnswer = null;
        assertEquals(Rcode.SERVFAIL, ask(query("example.org", Type.A)).getRcode());
        upstreams = List.of();
        assertEquals(Rcode.NXDOMAIN, ask(query("example.org", Type.A)).getRcode());
        assertEquals(1, forwarded.size(), "internal networks never forward");
    }

    @Test
    void responsesToNonQueriesAndGarbageAreDropped() throws IOException {
        DnsHandler h = handler((n, c) -> List.of(n));
        Message reply = query("web", Type.A);
        reply.getHeader().setFlag(Flags.QR);
        assertNull(h.answer("front", reply.toWire(), "1.2.3.4", false));
        assertNull(h.answer("front", new byte[] {1, 2, 3}, "1.2.3.4", false));
    }

    @Test
    void largeUdpAnswersAreTruncatedForTheClientToRetryOverTcp() throws IOException {
        for (int i = 2; i < 60; i++) {
            table.register("front", "many", "172.18.0." + i);
        }
        DnsHandler h = handler((n, c) -> List.of(n));
        Message udp = new Message(h.answer("front", query("many", Type.A).toWire(), "1.2.3.4", false));
        assertTrue(udp.getHeader().getFlag(Flags.TC));
        Message tcp = new Message(h.answer("front", query("many", Type.A).toWire(), "1.2.3.4", true));
        assertEquals(58, answers(tcp).size());
    }
}

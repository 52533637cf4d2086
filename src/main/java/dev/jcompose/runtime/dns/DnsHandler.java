package dev.jcompose.runtime.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers one DNS message the way Docker's embedded resolver does: A records for registered names (all of a
 * shared alias's addresses, shuffled per answer so clients spread over replicas), an empty NOERROR for AAAA of
 * a known name (no IPv6 here), PTR for registered addresses, everything else forwarded upstream. Without
 * upstreams (internal networks) an unknown name is NXDOMAIN; when every upstream fails it is SERVFAIL.
 */
public final class DnsHandler {
    /** Moby's embedded DNS answers with TTL 600 (libnetwork resolver.go respTTL). */
    public static final long TTL = 600;
    private static final String REVERSE_V4 = ".in-addr.arpa";

    /** Networks whose names a client may see: the arrival network first, then its container's other networks. */
    public interface Scope {
        List<String> networks(String arrivalNetwork, String clientIp);
    }

    /** Where to forward for this client; empty disables forwarding (internal networks). */
    public interface Upstreams {
        List<InetSocketAddress> upstreams(String arrivalNetwork, String clientIp);
    }

    /** Sends a query upstream; null when no upstream answered. {@link Forwarder} is the real one. */
    public interface Forwarding {
        byte[] forward(byte[] query, List<InetSocketAddress> upstreams, boolean tcp);
    }

    private final NameTable table;
    private final Scope scope;
    private final Upstreams upstreams;
    private final Forwarding forwarder;

    public DnsHandler(NameTable table, Scope scope, Upstreams upstreams, Forwarding forwarder) {
        this.table = table;
        this.scope = scope;
        this.upstreams = upstreams;
        this.forwarder = forwarder;
    }

    /** The wire answer to {@code wire}, or null to stay silent (not a query, unparseable). */
    public byte[] answer(String network, byte[] wire, String clientIp, boolean tcp) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return null;
        }
        if (query.getHeader().getFlag(Flags.QR)) {
            return null;
        }
        int maxLength = tcp ? 65535 : udpLimit(query);
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            return reply(query, Rcode.NOTIMP).toWire(maxLength);
        }
        if (question == null) {
            return reply(query, Rcode.FORMERR).toWire(maxLength);
        }
        List<String> networks = scope.networks(network, clientIp);
        Message local = local(query, question, networks);
        if (local != null) {
            return local.toWire(maxLength);
        }
        List<InetSocketAddress> targets = upstreams.upstreams(network, clientIp);
        if (targets.isEmpty()) {
            return reply(query, Rcode.NXDOMAIN).toWire(maxLength);
        }
        byte[] forwarded = forwarder.forward(wire, targets, tcp);
        return forwarded != null ? forwarded : reply(query, Rcode.SERVFAIL).toWire(maxLength);
    }

    /** The answer from our own table, or null when the question is not ours. */
    private Message local(Message query, Record question, List<String> networks) {
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            return null;
        }
        Name qname = question.getName();
        String name = NameTable.normalise(qname.toString());
        int type = question.getType();
        if (type == Type.A || type == Type.AAAA) {
            List<String> ips = new ArrayList<>(table.lookup(networks, name));
            if (ips.isEmpty()) {
                return null;
            }
            Message reply = reply(query, Rcode.NOERROR);
            if (type == Type.A) {
                Collections.shuffle(ips, ThreadLocalRandom.current());
                ips.forEach(ip -> reply.addRecord(new ARecord(qname, DClass.IN, TTL, Addresses.literal(ip)), Section.ANSWER));
            }
            return reply;
        }
        if (type == Type.PTR && name.endsWith(REVERSE_V4)) {
            String ip = reverseToIp(name.substring(0, name.length() - REVERSE_V4.length()));
            List<String> names = ip == null ? List.of() : table.reverse(networks, ip);
            if (names.isEmpty()) {
                return null;
            }
            Message reply = reply(query, Rcode.NOERROR);
            for (String target : names) {
                try {
                    reply.addRecord(new PTRRecord(qname, DClass.IN, TTL, Name.fromString(target + ".")), Section.ANSWER);
                } catch (TextParseException e) {
                    // a registered name that is not a valid DNS name cannot be a PTR target; skip it
                }
            }
            return reply;
        }
        return null;
    }

    private static Message reply(Message query, int rcode) {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        reply.getHeader().setOpcode(query.getHeader().getOpcode());
        reply.getHeader().setRcode(rcode);
        if (query.getQuestion() != null) {
            reply.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return reply;
    }

    /** 512 bytes unless the client announced a larger EDNS buffer. */
    private static int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        return opt == null ? 512 : Math.max(512, Math.min(opt.getPayloadSize(), 65535));
    }

    /** "4.3.2.1" → "1.2.3.4"; null when the name is not a full IPv4 reverse name. */
    static String reverseToIp(String reversed) {
        String[] parts = reversed.split("\\.");
        if (parts.length != 4) {
            return null;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return null;
            }
        }
        return parts[3] + "." + parts[2] + "." + parts[1] + "." + parts[0];
    }
}

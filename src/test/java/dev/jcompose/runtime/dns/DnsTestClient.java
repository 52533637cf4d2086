package dev.jcompose.runtime.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** dnsjava's SimpleResolver aimed at a test server, plus helpers to build and read messages. */
final class DnsTestClient {
    private DnsTestClient() {
    }

    static Message query(String name, int type) throws IOException {
        Name n = name.endsWith(".in-addr.arpa") ? Name.fromString(name + ".") : Name.fromString(name, Name.root);
        return Message.newQuery(Record.newRecord(n, type, DClass.IN));
    }

    static Message ptrQuery(String ip) throws IOException {
        return Message.newQuery(Record.newRecord(ReverseMap.fromAddress(ip), Type.PTR, DClass.IN));
    }

    static Message ask(int port, Message query, boolean tcp) throws IOException {
        return ask(port, query, tcp, Duration.ofSeconds(2));
    }

    static Message ask(int port, Message query, boolean tcp, Duration timeout) throws IOException {
        SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
        r.setPort(port);
        r.setTCP(tcp);
        r.setTimeout(timeout);
        return r.send(query);
    }

    static List<String> answers(Message m) {
        return m.getSection(Section.ANSWER).stream().map(r -> r.rdataToString()).toList();
    }
}

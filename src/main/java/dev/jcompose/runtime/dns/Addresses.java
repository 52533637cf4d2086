package dev.jcompose.runtime.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/** Literal address parsing that can never trigger a name lookup (which inside a DNS server could recurse). */
final class Addresses {
    private Addresses() {
    }

    static InetAddress literal(String text) {
        try {
            return Address.getByAddress(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}

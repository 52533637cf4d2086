package dev.jcompose.runtime.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** resolv.conf, hosts and hostname generators against golden files. */
class ResolvConfTest {
    private static final Path DIR = Path.of("src/test/resources/runtime/dns");
    private static final HostResolvConf HOST = HostResolvConf.parse("""
            # from the host
            nameserver 127.0.0.53
            nameserver 10.255.255.53
            nameserver ::1
            domain ignored.example
            search corp.example lab.example
            options edns0 trust-ad
            """);

    static void golden(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual);
        }
        assertEquals(Files.readString(file), actual, "golden file " + file);
    }

    @Test
    void parsesTheHostFile() {
        assertEquals(List.of("127.0.0.53", "10.255.255.53", "::1"), HOST.nameservers());
        assertEquals(List.of("corp.example", "lab.example"), HOST.search(), "the last search/domain line wins");
        assertEquals(List.of("edns0", "trust-ad"), HOST.options());
        assertEquals(List.of("10.255.255.53"), HOST.withoutLoopback().nameservers());
        assertEquals(new InetSocketAddress("127.0.0.53", 53), HOST.upstreams().get(0),
                "the forwarder runs in the host namespace, so loopback upstreams stay");
    }

    @Test
    void bridgeNetworksPointAtTheGateway() throws IOException {
        golden("resolv-bridge.golden", ResolvConf.forEmbeddedDns("172.18.0.1", HOST, ResolvConf.Overrides.NONE));
        golden("resolv-bridge-own.golden", ResolvConf.forEmbeddedDns("172.18.0.1", HOST,
                new ResolvConf.Overrides(List.of("9.9.9.9"), List.of("svc.local"), List.of("ndots:2", "timeout:1"))));
    }

    @Test
    void hostAndNoneNetworks() throws IOException {
        golden("resolv-host.golden", ResolvConf.forHostNetwork(HOST, ResolvConf.Overrides.NONE));
        golden("resolv-none.golden", ResolvConf.forPrivateNamespace(HOST, ResolvConf.Overrides.NONE));
        HostResolvConf onlyLoopback = HostResolvConf.parse("nameserver 127.0.0.53\n");
        golden("resolv-none-fallback.golden", ResolvConf.forPrivateNamespace(onlyLoopback, ResolvConf.Overrides.NONE));
    }

    @Test
    void hostsAndHostname() throws IOException {
        golden("hosts.golden", HostsFile.hosts("172.18.0.2", "3f2a9b1c0d4e", null, List.of()));
        golden("hosts-extra.golden", HostsFile.hosts("172.18.0.2", "web", "corp.example",
                List.of(new HostsFile.Entry("somehost", "162.242.195.82"), new HostsFile.Entry("otherhost", "50.31.209.229"))));
        golden("hosts-none.golden", HostsFile.hosts(null, "lonely", "", List.of()));
        assertEquals("web\n", HostsFile.hostname("web"));
    }
}

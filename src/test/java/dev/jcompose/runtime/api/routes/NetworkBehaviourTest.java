package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Networking behaviours through the docker CLI: container:&lt;name&gt; mode, connect/disconnect of a running
 * container, stop/start re-attaching, a container's own dns servers, plus the attach and DNS timings.
 */
@Tag("root")
class NetworkBehaviourTest extends DockerCliOnEmbedded {
    private static final String HTTPD = "echo $(hostname) > /var/www/index.html && exec httpd -f -p 80 -h /var/www";
    private static final String RETRY = "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- %s && exit 0; sleep 0.2; done;"
            + " exit 1";

    private String get(String network, String url) throws Exception {
        return ok("run", "--rm", "--network", network, "busybox", "sh", "-c", RETRY.formatted(url)).stdout();
    }

    @Test
    void sharedNamespaceConnectDisconnectAndRestart() throws Exception {
        ok("network", "create", "jct-n1");
        ok("network", "create", "jct-n3");
        ok("run", "-d", "--name", "jct-s1", "--hostname", "s1", "--network", "jct-n1", "busybox", "sh", "-c", HTTPD);
        assertEquals("s1\n", get("container:jct-s1", "http://127.0.0.1/"), "container: mode shares the namespace");

        ok("network", "connect", "--alias", "extra", "jct-n3", "jct-s1");
        assertEquals("s1\n", get("jct-n3", "http://extra/"), "connected while running, alias resolves");
        ok("network", "disconnect", "jct-n3", "jct-s1");
        DockerCli.Result gone = docker.run("run", "--rm", "--network", "jct-n3", "busybox", "nslookup", "extra");
        assertNotEquals(0, gone.exitCode(), gone.toString());

        ok("stop", "jct-s1");
        assertEquals("", ok("network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", "jct-n1").stdout()
                .strip(), "a stopped container holds no endpoint");
        ok("start", "jct-s1");
        assertEquals("s1\n", get("jct-n1", "http://jct-s1/"), "re-attached at start");
        assertEquals("s1\n", get("jct-n1", "http://s1/"), "the hostname resolves too");

        ok("rm", "-f", "jct-s1");
        ok("network", "rm", "jct-n1", "jct-n3");
    }

    @Test
    void ownDnsServersAreUpstreamsAndNamesStillResolve() throws Exception {
        ok("network", "create", "jct-n1");
        ok("run", "-d", "--name", "jct-s2", "--network", "jct-n1", "busybox", "sh", "-c", HTTPD);
        String gateway = ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "jct-n1").stdout().strip();
        String out = ok("run", "--rm", "--network", "jct-n1", "--dns", "192.0.2.1", "busybox", "sh", "-c",
                "cat /etc/resolv.conf && " + RETRY.formatted("http://jct-s2/")).stdout();
        assertTrue(out.contains("nameserver " + gateway + "\n"), out);
        assertTrue(out.endsWith("\n") && out.contains("options ndots:0"), out);
        ok("rm", "-f", "jct-s2");
        ok("network", "rm", "jct-n1");
    }

    /** Numbers for docs/runtime-network.md: docker run -d with and without a network, DNS answer time. */
    @Test
    void timings() throws Exception {
        ok("network", "create", "jct-n1");
        ok("run", "-d", "--network", "jct-n1", "busybox", "sleep", "1"); // warm-up
        List<Long> none = new ArrayList<>();
        List<Long> net = new ArrayList<>();
        List<Long> published = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            none.add(ok("run", "-d", "--network", "none", "busybox", "sleep", "600").millis());
            net.add(ok("run", "-d", "--name", "jct-t" + i, "--network", "jct-n1", "busybox", "sleep", "600").millis());
            published.add(ok("run", "-d", "--network", "jct-n1", "-p", "127.0.0.1::80", "busybox", "sleep", "600")
                    .millis());
        }
        String gateway = ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "jct-n1").stdout().strip();
        SimpleResolver resolver = new SimpleResolver(gateway);
        resolver.setTimeout(Duration.ofSeconds(2));
        List<Long> dns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Lookup lookup = new Lookup("jct-t" + (i % 8) + ".", Type.A);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            long t0 = System.nanoTime();
            Record[] answer = lookup.run();
            dns.add((System.nanoTime() - t0) / 1000);
            assertTrue(answer != null && answer.length == 1, "jct-t" + (i % 8) + ": " + lookup.getErrorString());
        }
        System.out.printf("MEASURED docker run -d median: --network none %d ms, user network %d ms, + published port"
                + " %d ms; DNS A answer from the host median %d us (max %d us)%n", median(none), median(net),
                median(published), median(dns), dns.stream().mapToLong(Long::longValue).max().orElse(0));
        List<String> rm = new ArrayList<>(List.of("rm", "-f"));
        rm.addAll(List.of(ok("ps", "-aq").stdout().strip().split("\\s+")));
        ok(rm.toArray(String[]::new));
        ok("network", "rm", "jct-n1");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.network.ResidueScan;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI against the embedded daemon with networking: user networks with aliases resolved by the
 * embedded DNS, published ports reachable from the host, isolation between networks, no residue after rm/network rm.
 */
@Tag("root")
class DockerCliNetworkTest extends DockerCliOnEmbedded {
    private static final String HTTPD = "httpd -f -p 80 -h /var/www";

    private String web(String network, String name, String alias) throws Exception {
        return ok("run", "-d", "--name", name, "--network", network, "--network-alias", alias, "busybox", "sh", "-c",
                "echo " + name + " > /var/www/index.html && exec " + HTTPD).stdout().strip();
    }

    @Test
    void replicasShareAnAliasResolvedByTheEmbeddedDns() throws Exception {
        ok("network", "create", "jct-n1");
        String a1 = web("jct-n1", "jct-a1", "api");
        String a2 = web("jct-n1", "jct-a2", "api");
        String ip1 = ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"jct-n1\").IPAddress}}", a1).stdout().strip();
        String ip2 = ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"jct-n1\").IPAddress}}", a2).stdout().strip();
        assertTrue(ip1.startsWith("10.214.") && ip2.startsWith("10.214."), ip1 + " " + ip2);
        assertNotEquals(ip1, ip2);

        String lookup = ok("run", "--rm", "--network", "jct-n1", "busybox", "nslookup", "api").stdout();
        assertEquals(List.of(ip1, ip2).stream().sorted().toList(), addresses(lookup).stream().sorted().toList(), lookup);

        String body = ok("run", "--rm", "--network", "jct-n1", "busybox", "sh", "-c",
                "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://jct-a1/ && exit 0; sleep 0.2; done; exit 1")
                .stdout();
        assertEquals("jct-a1\n", body);
        String viaAlias = ok("run", "--rm", "--network", "jct-n1", "busybox", "sh", "-c",
                "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://api/ && exit 0; sleep 0.2; done; exit 1")
                .stdout();
        assertTrue(viaAlias.equals("jct-a1\n") || viaAlias.equals("jct-a2\n"), viaAlias);

        String inspect = ok("network", "inspect", "-f", "{{range .Containers}}{{.Name}}={{.IPv4Address}} {{end}}",
                "jct-n1").stdout();
        assertTrue(inspect.contains("jct-a1=" + ip1 + "/24") && inspect.contains("jct-a2=" + ip2 + "/24"), inspect);
        DockerCli.Result busy = docker.run("network", "rm", "jct-n1");
        assertNotEquals(0, busy.exitCode());
        assertTrue(busy.stderr().contains("has active endpoints"), busy.toString());

        ok("rm", "-f", a1, a2);
        ok("network", "rm", "jct-n1");
        assertEquals(List.of(), onlyTheDefaultBridge(ResidueScan.daemonTestResidue()), "rm -f + network rm leave nothing");
    }

    @Test
    void publishedPortAnswersOnTheHostAndIsIsolatedFromOtherNetworks() throws Exception {
        int port = freePort();
        String web = ok("run", "-d", "--name", "jct-web", "-p", "127.0.0.1:" + port + ":80", "busybox", "sh", "-c",
                "echo published > /var/www/index.html && exec " + HTTPD).stdout().strip();
        assertEquals("published\n", httpGet(port));
        assertEquals("80/tcp -> 127.0.0.1:" + port + "\n", ok("port", web).stdout());

        // a second container wanting the same port fails to start and leaves nothing running
        DockerCli.Result conflict = docker.run("run", "-d", "--name", "jct-web2", "-p", "127.0.0.1:" + port + ":80",
                "busybox", "sh", "-c", HTTPD);
        assertNotEquals(0, conflict.exitCode());
        assertTrue(conflict.stderr().contains("Bind for 127.0.0.1:" + port + " failed: port is already allocated"),
                conflict.toString());
        assertEquals(web + "\n", ok("ps", "-q", "--no-trunc").stdout(), "only the first one runs");

        // an ephemeral host port
        String eph = ok("run", "-d", "-p", "127.0.0.1::80", "busybox", "sh", "-c",
                "echo ephemeral > /var/www/index.html && exec " + HTTPD).stdout().strip();
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(ok("port", eph, "80").stdout());
        assertTrue(m.find());
        assertEquals("ephemeral\n", httpGet(Integer.parseInt(m.group(1))));

        // another network cannot reach the container's own address
        String ip = ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", web).stdout().strip();
        ok("network", "create", "jct-n2");
        // busybox 1.35's wget -T segfaults, so timeout(1) bounds the blocked connect; under sh, as busybox timeout
        // execs the command in its own PID, PID 1 of a container ignores SIGTERM, and "|| exit" keeps sh from exec
        DockerCli.Result across = docker.run("run", "--rm", "--network", "jct-n2", "busybox", "sh", "-c",
                "timeout 3 wget -qO- http://" + ip + "/ || exit 1");
        assertNotEquals(0, across.exitCode(), across.toString());
        assertFalse(across.stdout().contains("published"), across.toString());
        String same = ok("run", "--rm", "busybox", "sh", "-c", "timeout 3 wget -qO- http://" + ip + "/ || exit 1")
                .stdout();
        assertEquals("published\n", same, "the same (bridge) network reaches it");

        ok("rm", "-f", web, eph, "jct-web2");
        ok("network", "rm", "jct-n2");
        assertFalse(portInUse(port), "the proxy released the port");
        assertEquals(List.of(), onlyTheDefaultBridge(ResidueScan.daemonTestResidue()));
    }

    /** The running daemon keeps its built-in bridge (and its DNS listener); everything else must be gone. */
    static List<String> onlyTheDefaultBridge(List<String> residue) {
        List<String> left = new ArrayList<>();
        for (String r : residue) {
            if (!r.equals("link jcta-br0") && !r.contains("jcta-br0") && !r.contains("JCTA-") && !r.contains(":53")) {
                left.add(r);
            }
        }
        return left;
    }

    static List<String> addresses(String nslookup) {
        List<String> out = new ArrayList<>();
        boolean answer = false;
        for (String line : nslookup.split("\n")) {
            if (line.startsWith("Name:")) {
                answer = true;
            }
            Matcher m = Pattern.compile("^Address(?: \\d+)?:\\s+(10\\.214\\.[0-9.]+)").matcher(line);
            if (answer && m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean portInUse(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** GET / on 127.0.0.1:port, retried while httpd is starting. */
    static String httpGet(int port) throws Exception {
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL()
                        .openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                try (InputStream in = c.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no answer on 127.0.0.1:" + port, last);
    }
}

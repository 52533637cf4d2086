package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.runtime.network.ResidueScan;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI against an embedded daemon with the userland proxy off: published ports are DNAT rules in
 * the daemon's own chains (JCTA-*), the host ports stay reserved, `docker port` and inspect are as with the
 * proxy, and every rule goes with its container.
 */
@Tag("root")
class DockerCliDnatTest extends DockerCliOnEmbedded {
    private static final String TAG = "jcompose-apitest:"; // the comment on every per-container rule

    @Override
    EmbeddedDaemon newDaemon() throws IOException {
        return EmbeddedDaemon.withoutUserlandProxy();
    }

    private String httpd(String name, String publish, String page) throws Exception {
        return ok("run", "-d", "--name", name, "-p", publish, "busybox", "sh", "-c", "echo " + page
                + " > /var/www/index.html && exec httpd -f -p 8080 -h /var/www").stdout().strip();
    }

    private static String iptables(String table, String chain) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("iptables", "-w", "-t", table, "-S", chain).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void publishedPortsAnswerThroughDnatFromTheHostAndHairpinAndGoWithTheirContainers() throws Exception {
        // 127.0.0.1 with an ephemeral host port
        String lo = httpd("jct-dnat-lo", "127.0.0.1::8080", "loopback");
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(ok("port", lo, "8080").stdout());
        assertTrue(m.find());
        int loPort = Integer.parseInt(m.group(1));
        assertEquals("8080/tcp -> 127.0.0.1:" + loPort + "\n", ok("port", lo).stdout());
        assertEquals("{\"8080/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"" + loPort + "\"}]}",
                ok("inspect", "-f", "{{json .NetworkSettings.Ports}}", lo).stdout().strip());
        String loIp = ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", lo).stdout().strip();
        assertEquals("loopback\n", httpGet("127.0.0.1", loPort));
        String dnat = iptables("nat", "JCTA-DNAT");
        assertTrue(dnat.contains("-d 127.0.0.1/32 -p tcp -m tcp --dport " + loPort) && dnat.contains(
                "--to-destination " + loIp + ":8080"), "a DNAT rule serves it, no proxy:\n" + dnat);
        assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/conf/jcta-br0/route_localnet")).strip());

        // every address: loopback, the host's own address, and other containers through the gateway (hairpin)
        int anyPort = DockerCliNetworkTest.freePort();
        String any = httpd("jct-dnat-any", anyPort + ":8080", "everywhere");
        assertEquals("everywhere\n", httpGet("127.0.0.1", anyPort));
        Optional<String> hostAddress = hostAddress();
        if (hostAddress.isPresent()) {
            assertEquals("everywhere\n", httpGet(hostAddress.get(), anyPort), "on " + hostAddress.get());
        }
        String gateway = ok("inspect", "-f", "{{.NetworkSettings.Gateway}}", any).stdout().strip();
        assertEquals("everywhere\n", ok("run", "--rm", "busybox", "sh", "-c", "timeout 5 wget -qO- http://" + gateway
                + ":" + anyPort + "/ || exit 1").stdout(), "another container through the gateway");
        assertEquals("everywhere\n", ok("exec", any, "sh", "-c", "timeout 5 wget -qO- http://" + gateway + ":" + anyPort
                + "/ || exit 1").stdout(), "the container to its own published port");

        // another network: through the host it is published; the container's own address stays closed
        ok("network", "create", "jct-dnat-n2");
        String anyIp = ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", any).stdout().strip();
        DockerCli.Result direct = docker.run("run", "--rm", "--network", "jct-dnat-n2", "busybox", "sh", "-c",
                "timeout 3 wget -qO- http://" + anyIp + ":8080/ || exit 1");
        assertNotEquals(0, direct.exitCode(), direct.toString());

        // conflicts fail before the container starts and leave nothing running
        DockerCli.Result taken = docker.run("run", "-d", "--name", "jct-dnat-taken", "-p", "127.0.0.1:" + loPort
                + ":8080", "busybox", "sleep", "60");
        assertNotEquals(0, taken.exitCode());
        assertTrue(taken.stderr().contains("Bind for 127.0.0.1:" + loPort + " failed: port is already allocated"),
                taken.toString());
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DockerCli.Result inUse = docker.run("run", "-d", "--name", "jct-dnat-inuse", "-p", "127.0.0.1:"
                    + foreign.getLocalPort() + ":8080", "busybox", "sleep", "60");
            assertNotEquals(0, inUse.exitCode());
            assertTrue(inUse.stderr().contains("listen tcp4 127.0.0.1:" + foreign.getLocalPort()
                    + ": bind: address already in use"), inUse.toString());
        }
        assertEquals(2, ok("ps", "-q").stdout().strip().lines().count(), "only the two servers run");
        assertFalse(iptables("nat", "JCTA-DNAT").contains("jct-dnat-taken"), "no rule of a failed start");
        long taggedBefore = ResidueScan.daemonTestResidue().stream().filter(l -> l.contains(TAG)).count();
        assertEquals(6, taggedBefore, "DNAT, FORWARD accept, hairpin for each of the two ports");

        ok("rm", "-f", lo, any, "jct-dnat-taken", "jct-dnat-inuse");
        ok("network", "rm", "jct-dnat-n2");
        List<String> left = ResidueScan.daemonTestResidue().stream().filter(l -> l.contains(TAG)).toList();
        assertEquals(List.of(), left, "rm -f removes every rule of the containers");
        assertFalse(DockerCliNetworkTest.portInUse(loPort), "the reservation was released");
        assertFalse(DockerCliNetworkTest.portInUse(anyPort));
    }

    /** UDP through DNAT: an echo server (python3) in the container's namespace, a datagram from the host. */
    @Test
    void udpIsForwardedToo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3 for a UDP echo (busybox nc has no -u)");
        String id = ok("run", "-d", "--name", "jct-dnat-udp", "-p", "127.0.0.1::9999/udp", "busybox", "sleep", "600")
                .stdout().strip();
        Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(ok("port", id, "9999/udp").stdout());
        assertTrue(m.find());
        int hostPort = Integer.parseInt(m.group(1));
        String netns = "jcta-ns-" + id;
        Process echo = new ProcessBuilder("ip", "netns", "exec", netns, "python3", "-c", """
                import socket
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind(("0.0.0.0", 9999))
                while True:
                    d, a = s.recvfrom(2048)
                    s.sendto(d, a)
                """).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(300);
            String answer = null;
            for (int i = 0; i < 30 && answer == null; i++) { // until python listens
                byte[] out = "ping".getBytes(StandardCharsets.UTF_8);
                client.send(new DatagramPacket(out, out.length, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        hostPort)));
                DatagramPacket p = new DatagramPacket(new byte[64], 64);
                try {
                    client.receive(p);
                    answer = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                } catch (java.net.SocketTimeoutException e) {
                    // not bound yet
                }
            }
            assertEquals("ping", answer);
        } finally {
            echo.destroy();
            echo.waitFor();
        }
        assertTrue(iptables("nat", "JCTA-DNAT").contains("-p udp -m udp --dport " + hostPort));
        ok("rm", "-f", id);
        assertEquals(List.of(), ResidueScan.daemonTestResidue().stream().filter(l -> l.contains(TAG)).toList());
    }

    /** The first IPv4 address of a host interface that is neither loopback nor a bridge or veth of an engine. */
    static Optional<String> hostAddress() throws IOException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            String n = nic.getName();
            if (!nic.isUp() || nic.isLoopback() || n.startsWith("docker") || n.startsWith("br-") || n.startsWith("jc")
                    || n.startsWith("veth")) {
                continue;
            }
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (a instanceof Inet4Address) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    static String httpGet(String host, int port) throws Exception {
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host + ":" + port + "/").toURL()
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
        throw new AssertionError("no answer on " + host + ":" + port, last);
    }
}

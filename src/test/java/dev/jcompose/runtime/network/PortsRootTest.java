package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.ports.PortPublisher;
import dev.jcompose.runtime.ports.PortRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Published ports in front of a real container namespace: from 127.0.0.1, hairpin from another container
 * through the gateway, and unpublished ports unreachable from another network (test matrix rows 4 to 6).
 */
@Tag("root")
class PortsRootTest extends RootFixture {
    /** busybox nc as the container's echo service, started by this test and stopped by it. */
    private Process echoIn(Path netns, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", netns.getFileName().toString(), "busybox", "nc", "-ll",
                "-p", Integer.toString(port), "-e", "/bin/cat")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        extra.add(() -> {
            p.destroy();
            p.waitFor();
        });
        for (int i = 0; i < 50 && !inNetns(netns, "sh", "-c", "busybox netstat -ltn | grep -q :" + port).ok(); i++) {
            Thread.sleep(20);
        }
        return p;
    }

    private static String viaHost(int port, String text) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(text.length()), StandardCharsets.UTF_8);
        }
    }

    private static String ncFrom(Path netns, String ip, int port) {
        return inNetns(netns, "sh", "-c", "echo hairpin | timeout 3 busybox nc -w 2 " + ip + " " + port).stdout().strip();
    }

    @Test
    void publishedFromLoopbackAndHairpinButUnpublishedStaysClosed() throws Exception {
        NetworkRecord app = manager.create(NetworkSpec.bridge("jct-app"));
        manager.create(NetworkSpec.bridge("jct-other"));
        Path web = manager.createNetns("web");
        Path peer = manager.createNetns("peer");
        Path stranger = manager.createNetns("stranger");
        EndpointRecord ew = manager.attach("web", web, "jct-app", null, List.of("web"));
        manager.attach("peer", peer, "jct-app", null, List.of("peer"));
        manager.attach("stranger", stranger, "jct-other", null, List.of("stranger"));
        echoIn(web, 8080);

        try (PortPublisher publisher = new PortPublisher()) {
            int hostPort = publisher.publish("web", ew.ipv4(), List.of(PortRequest.tcp("", 0, 8080))).get(0).hostPort();
            assertEquals("hello", viaHost(hostPort, "hello"), "published port from 127.0.0.1");
            assertEquals("hairpin", ncFrom(peer, app.gateway(), hostPort), "another container via the host");
            assertEquals("hairpin", ncFrom(peer, ew.ipv4(), 8080), "same network reaches the container directly");
            assertEquals("", ncFrom(stranger, ew.ipv4(), 8080), "another network cannot reach an unpublished port");

            RuntimeError busy = assertThrows(RuntimeError.class,
                    () -> publisher.publish("web2", ew.ipv4(), List.of(PortRequest.tcp("", hostPort, 8080))));
            assertEquals("Bind for 0.0.0.0:" + hostPort + " failed: port is already allocated", busy.getMessage());

            publisher.unpublish("web");
            assertFalse(canConnect(hostPort), "closed with the container");
        }
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // A freed port of the ephemeral range may be picked as our own source port: Linux then connects the
            // socket to itself (simultaneous open), which says nothing about a listener.
            return s.getLocalPort() != s.getPort();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void udpThroughTheProxyIntoANamespace() throws Exception {
        manager.create(NetworkSpec.bridge("jct-udp"));
        Path svc = manager.createNetns("udpsvc");
        EndpointRecord e = manager.attach("udpsvc", svc, "jct-udp", null, List.of("udpsvc"));
        // busybox nc has no UDP mode: a one-file Java echo server runs inside the namespace instead
        Path source = state.resolve("UdpEcho.java");
        java.nio.file.Files.writeString(source, """
                import java.net.*;
                public class UdpEcho {
                    public static void main(String[] a) throws Exception {
                        DatagramSocket s = new DatagramSocket(Integer.parseInt(a[0]));
                        byte[] b = new byte[2048];
                        while (true) {
                            DatagramPacket p = new DatagramPacket(b, b.length);
                            s.receive(p);
                            s.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder("ip", "netns", "exec", svc.getFileName().toString(), java, source.toString(), "5353")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        extra.add(() -> {
            p.destroy();
            p.waitFor();
        });
        for (int i = 0; i < 150 && !inNetns(svc, "sh", "-c", "busybox netstat -lun | grep -q :5353").ok(); i++) {
            Thread.sleep(50);
        }
        try (PortPublisher publisher = new PortPublisher();
                java.net.DatagramSocket client = new java.net.DatagramSocket()) {
            int port = publisher.publish("udpsvc", e.ipv4(), List.of(PortRequest.udp("127.0.0.1", 0, 5353))).get(0).hostPort();
            client.setSoTimeout(3000);
            byte[] msg = "over udp\n".getBytes(StandardCharsets.UTF_8);
            client.send(new java.net.DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), port));
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[100], 100);
            client.receive(reply);
            assertTrue(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8).startsWith("over udp"));
        }
    }
}

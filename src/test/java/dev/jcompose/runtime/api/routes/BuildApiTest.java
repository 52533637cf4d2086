package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.snapshot.SnapshotInfo;
import dev.jcompose.runtime.testing.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * POST /build on the wire: ADD unpacks a local tar, COPY --chown and --chmod, USER, a context symlink that
 * points out of the context stays inside it, a Dockerfile at another path; and a client that hangs up during
 * a silent RUN gets its container killed with nothing left behind.
 */
@Tag("root")
class BuildApiTest {
    private static EmbeddedDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = new EmbeddedDaemon().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static SocketChannel post(String path, byte[] body) throws Exception {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(daemon.config.socket()));
        String head = "POST " + path + " HTTP/1.1\r\nHost: d\r\nContent-Type: application/x-tar\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
        ch.write(ByteBuffer.wrap(body));
        return ch;
    }

    private static String readAll(SocketChannel ch) throws Exception {
        try (InputStream in = Channels.newInputStream(ch)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void addUnpacksTarsAndCopyHonoursChownChmodAndStaysInTheContext() throws Exception {
        byte[] inner = new TarBuilder().dir("pkg", 0755).file("pkg/data.txt", "from the archive\n", 0644).build();
        byte[] context = new TarBuilder()
                .file("build/Containerfile", """
                        FROM jcompose/busybox:latest
                        ADD bundle.tar /opt/
                        COPY --chown=nobody:nobody --chmod=600 secret.txt /home/
                        COPY escape /escape-copy
                        USER nobody
                        RUN id -u > /tmp/uid
                        CMD ["sh"]
                        """, 0644)
                .file("bundle.tar", inner, 0644)
                .file("secret.txt", "s\n", 0644)
                .symlink("escape", "../../../../etc/hostname")
                .file("etc/hostname", "the context's own\n", 0644)
                .build();
        String answer = readAll(post("/v1.41/build?t=jctb/api&dockerfile=build/Containerfile&rm=1", context));
        assertTrue(answer.contains("Successfully tagged jctb/api:latest"), answer);
        DockerCli cli = new DockerCli(DockerCli.find(), daemon.uri());
        DockerCli.Result r = cli.run("run", "--rm", "jctb/api", "sh", "-c",
                "cat /opt/pkg/data.txt; stat -c '%u %a' /home/secret.txt; cat /escape-copy /tmp/uid; id -u");
        assertEquals("from the archive\n65534 600\nthe context's own\n65534\n65534\n", r.stdout(), r.toString());
    }

    @Test
    void aClientThatHangsUpKillsTheRunningStep() throws Exception {
        byte[] context = new TarBuilder().file("Dockerfile", "FROM jcompose/busybox:latest\nRUN sleep 60\n", 0644)
                .build();
        SocketChannel ch = post("/build?rm=1", context);
        InputStream in = Channels.newInputStream(ch);
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!seen.toString().contains("Running in") && System.nanoTime() < deadline) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            seen.append((char) b);
        }
        assertTrue(seen.toString().contains("Running in"), seen.toString());
        Runc runc = new Runc(Runc.DEFAULT_BINARY, daemon.run.resolve("runc"), daemon.run.resolve("runc-logs"),
                Duration.ofSeconds(10));
        while (runc.list().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // "Running in" comes just before runc create
        }
        assertEquals(1, runc.list().size(), "the RUN container runs");
        Thread.sleep(300);
        long hangUp = System.nanoTime();
        ch.close();
        while ((!runc.list().isEmpty() || buildSnapshots() > 0) && System.nanoTime() - hangUp < 10_000_000_000L) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), runc.list(), "the RUN container is gone");
        assertEquals(0, buildSnapshots());
        assertTrue(System.nanoTime() - hangUp < 10_000_000_000L);
        assertFalse(daemon.residue().stream().anyMatch(s -> s.startsWith("mount")), daemon.residue().toString());
    }

    private static long buildSnapshots() {
        return daemon.snapshots.list().stream().map(SnapshotInfo::name).filter(n -> n.startsWith("build-")).count();
    }
}

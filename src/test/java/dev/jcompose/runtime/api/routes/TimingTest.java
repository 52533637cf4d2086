package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.docker.DockerEngine;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures what docs/runtime-notes.md reports: `docker run --rm busybox echo hi` against our daemon and against
 * the machine's dockerd, and create → start → first HTTP answer of a busybox httpd (host network, so the host
 * can reach it before networking is wired). Asserts only generous bounds; prints the numbers.
 */
@Tag("root")
class TimingTest {
    private static final int RUNS = 8;

    @Test
    void dockerRunEchoAndFirstHttpResponse() throws Exception {
        Path cli = DockerCli.find();
        assumeTrue(cli != null, "needs the docker CLI");
        try (EmbeddedDaemon daemon = new EmbeddedDaemon().start()) {
            DockerCli ours = new DockerCli(cli, daemon.uri());
            List<Long> echo = echo(ours, "busybox");
            List<Long> http;
            try (Engine engine = new DockerEngine(DockerEngine.Options.of(daemon.uri()))) {
                http = firstHttp(engine, "busybox");
            }
            report("embedded", echo, http);
            reportStop("embedded", ours, "busybox");
            assertTrue(median(echo) < 3000, "docker run --rm echo took " + median(echo) + " ms");
            assertTrue(median(http) < 3000, "first HTTP after " + median(http) + " ms");
        }
        Path dockerd = Path.of("/var/run/docker.sock");
        if (Files.exists(dockerd)) {
            DockerCli theirs = new DockerCli(cli, URI.create("unix://" + dockerd));
            if (theirs.run("image", "inspect", "jcompose/busybox:latest").exitCode() == 0) {
                List<Long> echo = echo(theirs, "jcompose/busybox:latest");
                List<Long> http;
                try (Engine engine = new DockerEngine(DockerEngine.Options.of(URI.create("unix://" + dockerd)))) {
                    http = firstHttp(engine, "jcompose/busybox:latest");
                }
                report("dockerd", echo, http);
                reportStop("dockerd", theirs, "jcompose/busybox:latest");
            }
        }
    }

    private static List<Long> echo(DockerCli docker, String image) throws Exception {
        docker.run("run", "--rm", image, "echo", "warm-up");
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            DockerCli.Result r = docker.run("run", "--rm", image, "echo", "hi");
            assertEquals("hi\n", r.stdout(), r.toString());
            times.add(r.millis());
        }
        return times;
    }

    /** create + start of `httpd -f` on a free port of the host network, until a GET answers 200. */
    private static List<Long> firstHttp(Engine engine, String image) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String name = "jct-timing-" + ProcessHandle.current().pid() + "-" + i;
            long t0 = System.nanoTime();
            String id = engine.createContainer(ContainerSpec.builder(name, image).networkMode("host")
                    .cmd("sh", "-c", "echo ok > /tmp/index.html; exec httpd -f -p 127.0.0.1:" + port + " -h /tmp")
                    .build());
            try {
                engine.startContainer(id);
                while (!answers(port)) {
                    if (System.nanoTime() - t0 > Duration.ofSeconds(20).toNanos()) {
                        throw new AssertionError("httpd never answered on " + port);
                    }
                    Thread.sleep(1);
                }
                if (i > 0) {
                    times.add((System.nanoTime() - t0) / 1_000_000);
                }
            } finally {
                engine.removeContainer(id, true, true);
            }
        }
        return times;
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            OutputStream out = s.getOutputStream();
            out.write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return head.startsWith("HTTP/1.") && head.contains("200");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** docker stop of busybox httpd as PID 1 (no SIGTERM handler): Docker waits the full grace period. */
    private static void reportStop(String engine, DockerCli docker, String image) throws Exception {
        String name = "jct-stop-" + ProcessHandle.current().pid();
        docker.run("run", "-d", "--name", name, image, "httpd", "-f");
        DockerCli.Result stop = docker.run("stop", name);
        docker.run("rm", "-f", name);
        System.out.printf("TIMING %s: docker stop of httpd as PID 1: %d ms%n", engine, stop.millis());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void report(String engine, List<Long> echo, List<Long> http) {
        System.out.printf("TIMING %s: docker run --rm echo median %d ms (min %d, max %d); create->start->first HTTP "
                + "median %d ms (min %d, max %d)%n", engine, median(echo), echo.stream().min(Long::compare).orElseThrow(),
                echo.stream().max(Long::compare).orElseThrow(), median(http),
                http.stream().min(Long::compare).orElseThrow(), http.stream().max(Long::compare).orElseThrow());
    }
}

package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.api.routes.EmbeddedDaemon;
import dev.jcompose.runtime.daemon.DaemonConfig;
import dev.jcompose.runtime.network.ResidueScan;
import dev.jcompose.runtime.oci.DockerDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a user runs it (`jcompose engine run`, its own JVM) with JCOMPOSE_ENGINE_USERLAND_PROXY=false:
 * a compose stack's published port is DNAT'd, keeps answering while the engine is dead (the rules are the
 * kernel's), is reserved again by the next engine, goes with `down`, and `engine stop --cleanup` leaves no rule.
 */
@Tag("root")
class DnatEngineE2eTest {
    private static final String TAG = "jcompose-apitest:"; // the comment of every per-container rule
    private static final String STACK = """
            services:
              web:
                image: jcompose/busybox:latest
                command: ["sh", "-c", "echo dnat > /var/www/index.html && exec httpd -f -p 8080 -h /var/www"]
                ports: ["127.0.0.1:${PORT}:8080"]
                networks: [front, back]
            networks:
              front: {}
              back: {}
            """;
    private static final Map<String, String> NO_PROXY = Map.of(DaemonConfig.USERLAND_PROXY_ENV, "false");

    @TempDir
    Path tmp;

    private static Optional<String> get(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL()
                    .openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try (InputStream in = c.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean reserved(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static List<String> taggedRules() {
        return ResidueScan.daemonTestResidue().stream().filter(l -> l.contains(TAG)).toList();
    }

    @Test
    void publishedPortThroughDnatSurvivesTheEngineAndCleanupRemovesEveryRule() throws Exception {
        Path dir = EmbeddedDaemon.newDirWithBusybox();
        Path root = dir.resolve("root");
        Path run = dir.resolve("run");
        Process engine = null;
        try {
            engine = EngineProcess.start(dir, "first", NO_PROXY);
            EngineProcess target = new EngineProcess(dir);
            int port = E2eProject.freePort();
            E2eProject project = new E2eProject("dnatEngine", tmp, target);
            project.env(Map.of("PORT", Integer.toString(port))).file("compose.yaml", STACK).ok("up", "-d");
            assertEquals("dnat\n", Poll.until("page on " + port, E2eTest.READY, () -> get(port)));
            assertEquals(3, taggedRules().size(), "DNAT, accept, hairpin: " + taggedRules());
            assertTrue(reserved(port));

            engine.destroyForcibly().waitFor(); // kill -9: the kernel keeps forwarding
            assertEquals(Optional.of("dnat\n"), get(port), "answers with no engine running");

            engine = EngineProcess.start(dir, "second", NO_PROXY);
            assertTrue(reserved(port), "the new engine reserved the port of the re-adopted container again");
            assertEquals(Optional.of("dnat\n"), get(port));
            assertEquals(3, taggedRules().size(), "no duplicate after the re-adoption: " + taggedRules());

            project.ok("down");
            assertEquals(List.of(), taggedRules(), "down removes the container's rules");
            assertTrue(!reserved(port), "and frees the port");

            project.ok("up", "-d");
            assertEquals("dnat\n", Poll.until("page again", E2eTest.READY, () -> get(port)));
            // a crash of everything: the next engine's start-up recovery removes the dead container's rules
            long pid = project.container("web").status().pid();
            engine.destroyForcibly().waitFor();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(l -> l.contains("conmon")
                    && l.contains(run.toString())).orElse(false)).forEach(ProcessHandle::destroyForcibly);
            Poll.until("web's process gone", E2eTest.READY, () -> ProcessHandle.of(pid).map(h -> !h.isAlive())
                    .orElse(true));
            assertEquals(3, taggedRules().size(), "the rules outlive both (control)");
            engine = EngineProcess.start(dir, "third", NO_PROXY);
            assertEquals(List.of(), taggedRules(), "start-up recovery removed the rules of the dead container");

            project.ok("up", "-d");
            assertEquals("dnat\n", Poll.until("page after recovery", E2eTest.READY, () -> get(port)));
            Cli.Result cleanup = Cli.run(target.cliEnv(), List.of("engine", "stop", "--cleanup"));
            assertEquals(0, cleanup.code(), cleanup.transcript());
            engine.waitFor();
            assertTrue(cleanup.out().contains("removed iptables chain -t nat JCTA-DNAT"), cleanup.transcript());
            assertEquals(List.of(), ResidueScan.daemonResidue(root, run, DockerDefaults.CGROUP_PARENT),
                    "residue after cleanup; it said:\n" + cleanup.out());
        } finally {
            if (engine != null) {
                engine.destroyForcibly().waitFor();
            }
            new EmbeddedDaemon(dir, DockerDefaults.CGROUP_PARENT).close();
        }
    }
}

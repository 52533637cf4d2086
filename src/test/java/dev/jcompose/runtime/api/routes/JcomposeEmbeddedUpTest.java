package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jcompose itself with {@code --engine embedded} (a separate process, as a user runs it) against a daemon of this
 * JVM: compose-examples/hello comes up and answers on its published port; down removes it and its network.
 */
@Tag("root")
class JcomposeEmbeddedUpTest {
    private static final int HELLO_PORT = 18080;
    private EmbeddedDaemon daemon;

    @BeforeEach
    void startDaemon() throws Exception {
        assumeFalse(DockerCliNetworkTest.portInUse(HELLO_PORT), "port " + HELLO_PORT + " is taken on this host");
        daemon = new EmbeddedDaemon().start();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private String jcompose(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.jcompose.cli.Main", "--engine", "embedded", "-f", "compose-examples/hello/compose.yaml"));
        cmd.addAll(List.of(args));
        File out = File.createTempFile("jct-jcompose-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("JCOMPOSE_ENGINE_ROOT", daemon.root.toString());
            pb.environment().put("JCOMPOSE_ENGINE_RUN", daemon.run.toString());
            pb.environment().put("JCOMPOSE_ENGINE_SOCKET", daemon.config.socket().toString());
            pb.environment().remove("DOCKER_HOST");
            Process p = pb.start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jcompose " + String.join(" ", args) + " hung");
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "jcompose " + String.join(" ", args) + ":\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    @Test
    void helloAnswersOnItsPublishedPort() throws Exception {
        jcompose("up", "-d");
        assertEquals("hello from jcompose\n", DockerCliNetworkTest.httpGet(HELLO_PORT));
        jcompose("down");
        assertFalse(DockerCliNetworkTest.portInUse(HELLO_PORT), "down released the port");
        assertTrue(daemon.engine.list().isEmpty(), "down removed the container");
        assertTrue(daemon.networking.manager().list().stream().noneMatch(n -> n.name().equals("hello_default")),
                "down removed the project network");
    }
}

package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Testcontainers, unmodified, against the embedded daemon. It runs in a child JVM whose environment sets
 * DOCKER_HOST to the daemon's temporary socket (Testcontainers reads Ryuk's switch from the process
 * environment only, and no global file is written), see {@link TestcontainersScenarios}. One run of the child
 * serves every scenario; each scenario passes or fails on its own line.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestcontainersTest {
    private EmbeddedDaemon daemon;
    private List<String> lines;
    private String transcript;

    @BeforeAll
    void runScenarios() throws Exception {
        daemon = new EmbeddedDaemon().start();
        Path out = Files.createTempFile("jct-tc-", ".log");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    TestcontainersScenarios.class.getName()).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("DOCKER_HOST", daemon.uri().toString());
            pb.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
            pb.environment().put("TESTCONTAINERS_CHECKS_DISABLE", "true");
            // a user's ~/.testcontainers.properties must not steer this run to another engine
            pb.environment().put("TESTCONTAINERS_DOCKER_CLIENT_STRATEGY",
                    "org.testcontainers.dockerclient.EnvironmentAndSystemPropertyClientProviderStrategy");
            pb.environment().remove("DOCKER_CONTEXT");
            pb.environment().remove("TESTCONTAINERS_HOST_OVERRIDE");
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            transcript = Files.readString(out, StandardCharsets.UTF_8);
            Files.writeString(Path.of("target", "testcontainers-scenarios.log"), transcript);
            lines = transcript.lines().toList();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (daemon != null) {
            assertEquals(List.of(), daemon.engine.list().stream().map(r -> r.name()).toList(),
                    "Testcontainers removed every container it started");
            daemon.close();
        }
    }

    @org.junit.jupiter.api.Test
    void theScenariosRanAgainstTheEmbeddedEngine() {
        assertTrue(lines.contains("ENGINE jcompose embedded engine"), transcript);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "exec", "copy", "env-label", "logs", "network", "stop-removes"})
    void scenarioPasses(String scenario) {
        assertTrue(lines.contains("PASS " + scenario), scenario + " did not pass:\n" + transcript);
    }
}

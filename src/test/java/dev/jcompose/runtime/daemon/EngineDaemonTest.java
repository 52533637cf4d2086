package dev.jcompose.runtime.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.app.EngineProbe;
import dev.jcompose.engine.docker.DockerEngine;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon serves the API on its socket, writes its pid file, and cleans both up on close. */
class EngineDaemonTest {
    @TempDir
    Path dir;

    @Test
    void servesPingAndVersionToDockerJavaAndCleansUp() throws Exception {
        DaemonConfig c = new DaemonConfig(dir.resolve("root"), dir.resolve("run"), dir.resolve("run/engine.sock"));
        try (EngineDaemon d = StandardDaemon.create(c).start()) {
            assertTrue(EngineProbe.ping(c.socket()));
            assertTrue(Files.exists(c.pidFile()));
            try (DockerEngine engine = new DockerEngine(DockerEngine.Options.of(URI.create("unix://" + c.socket())))) {
                engine.ping();
                assertTrue(engine.info().serverVersion().startsWith("0."), engine.info().toString());
            }
        }
        assertFalse(EngineProbe.ping(c.socket()));
        assertFalse(Files.exists(c.pidFile()));
    }
}

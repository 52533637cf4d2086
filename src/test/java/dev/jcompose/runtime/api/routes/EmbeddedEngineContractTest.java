package dev.jcompose.runtime.api.routes;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineContract;
import dev.jcompose.engine.docker.DockerEngine;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The Engine contract (the same suite dockerd and the fake pass) against the embedded daemon, through
 * docker-java, with real networking: networks, aliases, DNS between containers and published ports included.
 */
@Tag("root")
class EmbeddedEngineContractTest extends EngineContract {
    private static EmbeddedDaemon daemon;

    @BeforeAll
    static void startDaemon() throws IOException {
        daemon = new EmbeddedDaemon().start();
    }

    @AfterAll
    static void stopDaemon() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Override
    protected Engine newEngine() {
        return new DockerEngine(DockerEngine.Options.of(daemon.uri()));
    }

    @Override
    protected boolean realNetworking() {
        return true;
    }
}

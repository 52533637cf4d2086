package dev.jcompose.engine.docker;

import dev.jcompose.engine.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** A dockerd engine and a fixture that removes what the test created, for each test method. */
@Tag("docker")
abstract class DockerEngineTestBase {
    DockerEngine engine;
    EngineFixture fx;

    @BeforeAll
    static void busybox() throws Exception {
        DockerTestSupport.ensureBusybox();
    }

    @BeforeEach
    void open() {
        engine = DockerTestSupport.engine();
        fx = new EngineFixture(engine);
    }

    @AfterEach
    void close() {
        try {
            fx.cleanup();
        } finally {
            engine.close();
        }
    }
}

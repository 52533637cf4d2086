package dev.jcompose.engine.docker;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineContract;
import dev.jcompose.runtime.testing.RegistryProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** The Engine contract against the real dockerd of this machine, with the busybox image from our script. */
@Tag("docker")
class DockerEngineContractTest extends EngineContract {

    @TempDir
    static Path registryDir;
    private static RegistryProcess registry;

    @BeforeAll
    static void busyboxImage() throws Exception {
        DockerTestSupport.ensureBusybox();
    }

    /** Debian's docker-registry on 127.0.0.1 (dockerd trusts 127.0.0.0/8 registries over plain HTTP). */
    @BeforeAll
    static void startRegistry() throws Exception {
        if (RegistryProcess.available()) {
            registry = RegistryProcess.start(registryDir, false);
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Override
    protected String pushRegistry() {
        return registry == null ? null : registry.domain();
    }

    @Override
    protected Engine newEngine() {
        return DockerTestSupport.engine();
    }

    @Override
    protected boolean realNetworking() {
        return true;
    }
}

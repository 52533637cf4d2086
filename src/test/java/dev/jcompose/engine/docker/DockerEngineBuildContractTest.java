package dev.jcompose.engine.docker;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineBuildContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The build contract against this machine's dockerd (classic builder, API 1.41). */
@Tag("docker")
class DockerEngineBuildContractTest extends EngineBuildContract {

    @BeforeAll
    static void busyboxImage() throws Exception {
        DockerTestSupport.ensureBusybox();
    }

    @Override
    protected Engine newEngine() {
        return DockerTestSupport.engine();
    }
}

package dev.jcompose.engine.docker;


import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The Engine contract against the real dockerd of this machine, with the busybox image from our script. */
@Tag("docker")
class DockerEngineContractTest extends EngineContract {

    @BeforeAll
    static void busyboxImage() throws Exception {
        DockerTestSupport.ensureBusybox();
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

package dev.jcompose.engine.docker;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineStdioContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Attach, interactive exec and archives against this machine's dockerd (hijacked connections, real tars). */
@Tag("docker")
class DockerEngineStdioContractTest extends EngineStdioContract {
    @BeforeAll
    static void busyboxImage() throws Exception {
        DockerTestSupport.ensureBusybox();
    }

    @Override
    protected Engine newEngine() {
        return DockerTestSupport.engine();
    }

    @Override
    protected boolean realPrograms() {
        return true;
    }
}

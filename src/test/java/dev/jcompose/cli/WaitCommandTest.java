package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `wait` on the fake engine: blocks until the service's containers exit and takes the first exit code. */
class WaitCommandTest {
    @TempDir
    Path dir;
    ServiceCli cli;

    @BeforeEach
    void setUp() {
        cli = new ServiceCli(dir, """
                services:
                  job:
                    image: busybox:latest
                  other:
                    image: busybox:latest
                """);
        assertEquals(0, cli.run("scale", "job=1", "other=1").code());
    }

    /** Ends the container's program once `wait` has had time to start waiting. */
    private void exitSoon(String container, int code) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofMillis(300));
            } catch (InterruptedException e) {
                return;
            }
            cli.fake.exit(container, code);
        });
    }

    @Test
    void printsTheExitAndReturnsItsCode() {
        String id = cli.fake.inspectContainer("demo-job-1").id();
        exitSoon("demo-job-1", 5);
        ServiceCli.Result r = cli.run("wait", "job");
        assertEquals(5, r.code(), r.err());
        assertEquals("container \"" + id + "\" exited with status code 5\n", r.out());
        assertEquals(ContainerState.RUNNING, cli.fake.inspectContainer("demo-other-1").state());
    }

    @Test
    void downProjectRemovesEverythingAfterTheFirstExit() {
        exitSoon("demo-job-1", 0);
        ServiceCli.Result r = cli.run("wait", "--down-project", "job");
        assertEquals(0, r.code(), r.err());
        assertTrue(cli.fake.listContainers(List.of("com.docker.compose.project=demo"), true).isEmpty());
    }

    @Test
    void nothingRunningIsAnError() {
        cli.fake.stopContainer("demo-job-1", null);
        ServiceCli.Result r = cli.run("wait", "job");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no containers for project \"demo\""), r.err());
        assertEquals(2, cli.run("wait").code(), "a service is required");
    }
}

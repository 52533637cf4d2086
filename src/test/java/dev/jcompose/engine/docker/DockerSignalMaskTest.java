package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.EngineFixture;
import dev.jcompose.engine.SignalMask;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Why SignalMask exists: a PID 1 without a SIGTERM handler sits out the whole grace period of `stop`. */
@Tag("docker")
class DockerSignalMaskTest extends DockerEngineTestBase {

    @Test
    void httpdAsPid1DoesNotCatchSigtermAndStopWaitsForTheKill() {
        String id = engine.createContainer(fx.container(fx.name("httpd"), "httpd", "-f", "-p", "8080").build());
        engine.startContainer(id);
        long pid = engine.inspectContainer(id).status().pid();
        SignalMask mask = SignalMask.read(pid).orElseThrow();
        assertFalse(mask.catches(15), "busybox httpd installs no SIGTERM handler");
        assertFalse(SignalMask.catches(pid, "SIGTERM"));

        long started = System.nanoTime();
        engine.stopContainer(id, Duration.ofSeconds(2));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(137, engine.inspectContainer(id).status().exitCode());
        assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0, "stop ended early: " + took);
    }

    @Test
    void aShellWithATrapCatchesSigtermAndStopsAtOnce() throws InterruptedException {
        String id = engine.createContainer(fx.container(fx.name("trap"), "sh", "-c",
                "trap 'exit 0' TERM; sleep 600 & wait").build());
        engine.startContainer(id);
        long pid = engine.inspectContainer(id).status().pid();
        // The shell installs its trap a moment after exec; poll briefly rather than sleep.
        assertTrue(EngineFixture.eventually(Duration.ofSeconds(10), () -> SignalMask.catches(pid, "SIGTERM")));
        long started = System.nanoTime();
        engine.stopContainer(id, Duration.ofSeconds(20));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
        assertEquals(0, engine.inspectContainer(id).status().exitCode());
    }
}

package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.engine.Subscription;
import dev.jcompose.error.ComposeException;
import dev.jcompose.error.ComposeException.Kind;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What only the Docker adapter does: failure translation on the wire, cleanup of half-made containers. */
@Tag("docker")
class DockerEngineAdapterTest extends DockerEngineTestBase {

    @Test
    void aContainerWhoseSecondNetworkIsMissingIsNotLeftBehind() {
        String net = fx.name("net");
        engine.createNetwork(fx.network(net));
        String name = fx.name("half");
        // dockerd refuses the host network as a second network (a missing network it would only refuse at start).
        ComposeException e = assertThrows(ComposeException.class, () -> engine.createContainer(
                fx.container(name, "true").network(EndpointSpec.of(net)).network(EndpointSpec.of("host")).build()));
        assertEquals(Kind.ENGINE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("host network"), e.getMessage());
        assertTrue(engine.findContainer(name).isEmpty(), "the half-attached container was removed");
    }

    @Test
    void aPullWithoutRegistryFailsAsAComposeException() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> engine.pullImage("jct-" + fx.run() + ".invalid/none:1", line -> { }));
        assertTrue(e.kind() == Kind.ENGINE || e.kind() == Kind.NOT_FOUND, e.kind() + ": " + e.getMessage());
    }

    @Test
    void aBrokenArchiveIsRefusedWithDockersMessage() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> engine.loadImage(new ByteArrayInputStream(new byte[1024])));
        assertEquals(Kind.ENGINE, e.kind());
    }

    @Test
    void logsOfAnUnknownContainerFailWhenAwaited() {
        ComposeException e = assertThrows(ComposeException.class, () -> {
            try (Subscription logs = engine.logs(fx.name("missing"), LogOptions.ALL, frame -> { })) {
                logs.awaitCompletion(Duration.ofSeconds(30));
            }
        });
        assertEquals(Kind.NOT_FOUND, e.kind(), e.getMessage());
    }

    @Test
    void anUnreachableDaemonSaysSo() {
        try (DockerEngine nowhere = new DockerEngine(DockerEngine.Options.of(URI.create(
                "unix:///nonexistent/jct-docker.sock")))) {
            ComposeException e = assertThrows(ComposeException.class, nowhere::ping);
            assertEquals(Kind.ENGINE, e.kind());
            assertEquals("Cannot connect to the Docker daemon at unix:///nonexistent/jct-docker.sock. Is the docker"
                    + " daemon running?", e.getMessage());
            assertThrows(ComposeException.class, () -> nowhere.listContainers(List.of(), true));
        }
    }
}

package dev.jcompose.engine.docker;

import dev.jcompose.engine.EngineFixture;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Connects tests to the machine's dockerd and makes sure the busybox image exists. */
final class DockerTestSupport {
    private DockerTestSupport() {
    }

    /** The engine EngineHosts finds; a test tagged "docker" fails (not skips) without one. */
    static DockerEngine engine() {
        URI host = EngineHosts.discover(System.getenv()).orElseThrow(() -> new AssertionError(
                "no reachable dockerd (DOCKER_HOST or /var/run/docker.sock); exclude the \"docker\" tag to skip"));
        return new DockerEngine(DockerEngine.Options.of(host));
    }

    /** Runs scripts/make-busybox-image.sh when the image is missing (it is idempotent anyway). */
    static void ensureBusybox() throws IOException, InterruptedException {
        try (DockerEngine engine = engine()) {
            if (engine.findImage(EngineFixture.BUSYBOX).isPresent()) {
                return;
            }
        }
        Process process = new ProcessBuilder("scripts/make-busybox-image.sh", EngineFixture.BUSYBOX)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError("scripts/make-busybox-image.sh failed:\n" + output);
        }
    }

}

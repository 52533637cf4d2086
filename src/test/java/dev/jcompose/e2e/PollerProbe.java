package dev.jcompose.e2e;

import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.engine.docker.EngineHosts;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Run as its own JVM by {@link ExitLatencyE2eTest}: engine calls from virtual threads (as the observer and the
 * plan walker make them), then prints every thread left inside a native epoll wait, one per line.
 */
public final class PollerProbe {
    private PollerProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (DockerEngine engine = new DockerEngine(DockerEngine.Options.of(EngineHosts.discover(System.getenv())
                .orElseThrow()));
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                pool.submit(() -> engine.listContainers(List.of("com.docker.compose.project"), true)).get();
            }
        }
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (stack.length > 0 && stack[0].isNativeMethod() && stack[0].getClassName().contains("EPoll")) {
                System.out.println(thread.getName() + " " + stack[0]);
            }
        });
    }
}

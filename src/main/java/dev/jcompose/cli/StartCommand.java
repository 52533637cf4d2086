package dev.jcompose.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose start`: start the existing containers of the services (and their dependencies), in order. */
@Command(name = "start", description = "Start services")
final class StartCommand extends LifecycleCommand {
    @Option(names = "--wait", description = "Wait for services to be running|healthy. Implies detached mode.")
    boolean waitReady;
    @Option(names = "--wait-timeout", paramLabel = "SECONDS", description = "Maximum duration in seconds to wait "
            + "for the project to be running|healthy")
    int waitTimeout;
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        return withLifecycle(services, "Running", (lifecycle, target) -> {
            lifecycle.start(services);
            if (waitReady) {
                lifecycle.awaitReady(services, waitTimeout > 0 ? Duration.ofSeconds(waitTimeout) : null);
            }
            return ExitCodes.OK;
        });
    }
}

package dev.jcompose.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `jcompose unpause`: resume the services' paused containers. */
@Command(name = "unpause", description = "Unpause services")
final class UnpauseCommand extends LifecycleCommand {
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        return withLifecycle(services, "Running", (lifecycle, target) -> {
            lifecycle.pause(services, false);
            return ExitCodes.OK;
        });
    }
}

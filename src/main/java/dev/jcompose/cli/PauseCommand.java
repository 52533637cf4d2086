package dev.jcompose.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `jcompose pause`: freeze the services' running containers. */
@Command(name = "pause", description = "Pause services")
final class PauseCommand extends LifecycleCommand {
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        return withLifecycle(services, "Pausing", (lifecycle, target) -> {
            lifecycle.pause(services, true);
            return ExitCodes.OK;
        });
    }
}

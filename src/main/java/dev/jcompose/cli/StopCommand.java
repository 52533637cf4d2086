package dev.jcompose.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose stop`: stop the services' containers without removing them, dependents first. */
@Command(name = "stop", description = "Stop services")
final class StopCommand extends LifecycleCommand {
    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Specify a shutdown timeout in "
            + "seconds")
    Integer timeout;
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        return withLifecycle(services, "Stopping", (lifecycle, target) -> {
            lifecycle.stop(services, seconds(timeout));
            return ExitCodes.OK;
        });
    }
}

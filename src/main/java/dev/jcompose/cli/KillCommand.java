package dev.jcompose.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose kill`: send a signal (SIGKILL by default) to the services' running containers. */
@Command(name = "kill", description = "Force stop service containers")
final class KillCommand extends LifecycleCommand {
    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose "
            + "file")
    Boolean removeOrphans;
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "SIGNAL to send to the container "
            + "(default \"SIGKILL\")")
    String signal = "SIGKILL";
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        boolean orphans = removeOrphans != null ? removeOrphans
                : "true".equalsIgnoreCase(global().env.getOrDefault("COMPOSE_REMOVE_ORPHANS", "").trim());
        return withLifecycle(services, "Killing", (lifecycle, target) -> {
            if (lifecycle.kill(services, signal, orphans, false) == 0) {
                err().println("No container to kill");
            }
            return ExitCodes.OK;
        });
    }
}

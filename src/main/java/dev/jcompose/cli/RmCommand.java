package dev.jcompose.cli;

import dev.jcompose.app.ProjectContainers;
import dev.jcompose.engine.ContainerSummary;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `jcompose rm`: remove the services' stopped containers, after a confirmation (-f skips it; without a
 * terminal the answer is read from stdin, and no answer means no, as in compose).
 */
@Command(name = "rm", description = {"Removes stopped service containers", "",
        "By default, anonymous volumes attached to containers will not be removed. You can override this with -v. "
                + "To list all volumes, use \"docker volume ls\".", "",
        "Any data which is not in a volume will be lost."})
final class RmCommand extends LifecycleCommand {
    @Option(names = {"-f", "--force"}, description = "Don't ask to confirm removal")
    boolean force;
    @Option(names = {"-s", "--stop"}, description = "Stop the containers, if required, before removing")
    boolean stop;
    @Option(names = {"-v", "--volumes"}, description = "Remove any anonymous volumes attached to containers")
    boolean volumes;
    @Option(names = {"-a", "--all"}, hidden = true, description = "Deprecated - no effect")
    boolean all;
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (stop) {
            withLifecycle(services, "Stopping", (lifecycle, target) -> {
                lifecycle.stop(services, null);
                return ExitCodes.OK;
            });
        }
        return withLifecycle(services, "Removing", (lifecycle, target) -> {
            List<ContainerSummary> stopped = lifecycle.removable(services);
            if (stopped.isEmpty()) {
                err().println("No stopped containers");
                return ExitCodes.OK;
            }
            String message = "Going to remove " + String.join(", ", stopped.stream().map(ProjectContainers::name)
                    .toList());
            if (force) {
                out().println(message);
            } else if (!confirm(message)) {
                return ExitCodes.OK;
            }
            lifecycle.remove(stopped, force, volumes);
            return ExitCodes.OK;
        });
    }
}

package dev.jcompose.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `jcompose restart`: stop and start the services' containers, with the services depending on them through
 * depends_on restart: true (unless --no-deps), in dependency order.
 */
@Command(name = "restart", description = "Restart service containers")
final class RestartCommand extends LifecycleCommand {
    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Specify a shutdown timeout in "
            + "seconds")
    Integer timeout;
    @Option(names = "--no-deps", description = "Don't restart dependent services")
    boolean noDeps;
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        return withLifecycle(services, "Restarting", (lifecycle, target) -> {
            lifecycle.restart(services, seconds(timeout), noDeps);
            return ExitCodes.OK;
        });
    }
}

package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.ProjectQueries;
import dev.jcompose.error.ComposeException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose port SERVICE PRIVATE_PORT`: where a container port is published on the host ("0.0.0.0:8080"). */
@Command(name = "port", description = "Print the public port for a port binding")
final class PortCommand extends ContainerCommand {
    @Option(names = "--protocol", paramLabel = "PROTO", description = "tcp or udp")
    String protocol = "tcp";
    @Option(names = "--index", paramLabel = "N", description = "Index of the container if service has multiple "
            + "replicas")
    int index;
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service")
    String service;
    @Parameters(index = "1", paramLabel = "PRIVATE_PORT", description = "The container port")
    String privatePort;

    @Override
    public Integer call() {
        int port;
        try {
            port = Integer.parseInt(privatePort);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw ComposeException.usage("strconv.ParseUint: parsing \"" + privatePort + "\": invalid syntax");
        }
        try (EngineSelector.Selected engine = openEngine()) {
            out().println(new ProjectQueries(engine.engine()).port(projectName(), service, port,
                    protocol.toLowerCase(Locale.ROOT), index));
        }
        return ExitCodes.OK;
    }
}

package dev.jcompose.cli;

import dev.jcompose.app.ComposeApp;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.UpRequest;
import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose scale SERVICE=N...`: `up` of those services with the replica counts overridden. */
@Command(name = "scale", description = "Scale services")
final class ScaleCommand extends ServiceCommand {
    @Option(names = "--no-deps", description = "Don't start linked services")
    boolean noDeps;
    @Parameters(arity = "1..*", paramLabel = "SERVICE=REPLICAS", description = "Services and their replica counts")
    List<String> replicas = new ArrayList<>();

    @Override
    public Integer call() {
        Map<String, Integer> scales = parse(replicas);
        List<String> services = List.copyOf(scales.keySet());
        Project project = loadProject(services);
        UpRequest req = new UpRequest(services, false, false, noDeps, false, false, false, false, scales, null, false,
                false, null, null, global().dryRun());
        try (EngineSelector.Selected engine = openEngine(); ProgressRenderer progress = progress("Running")) {
            new ComposeApp(engine, project, progress, global().parallelLimit(), global().env).up(req);
        }
        return ExitCodes.OK;
    }

    /** compose's parseServicesReplicasArgs, with its messages. */
    static Map<String, Integer> parse(List<String> args) {
        Map<String, Integer> out = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || eq == arg.length() - 1) {
                throw ComposeException.usage("invalid scale specifier: " + arg);
            }
            try {
                out.put(arg.substring(0, eq), Integer.parseInt(arg.substring(eq + 1)));
            } catch (NumberFormatException e) {
                throw ComposeException.usage("invalid scale specifier: can't parse replica value as int: " + arg);
            }
        }
        return out;
    }
}

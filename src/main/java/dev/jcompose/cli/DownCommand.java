package dev.jcompose.cli;

import dev.jcompose.app.ComposeApp;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Project;
import dev.jcompose.plan.DownOptions;
import dev.jcompose.plan.Plan;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `jcompose down`: stop and remove containers and networks; volumes only with -v, never external ones. */
@Command(name = "down", description = "Stop and remove containers, networks")
final class DownCommand extends ProjectCommand {
    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;
    @Option(names = {"-v", "--volumes"}, description = "Remove named volumes declared in the volumes section and anonymous volumes")
    boolean volumes;
    @Option(names = "--rmi", paramLabel = "TYPE", description = "Remove images used by services: local or all")
    String rmi;
    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds")
    Integer timeout;

    @Override
    public Integer call() {
        if (rmi != null && !rmi.equals("local") && !rmi.equals("all")) {
            throw ComposeException.usage("invalid --rmi '" + rmi + "': use local or all");
        }
        Project project = loadProject(List.of());
        try (EngineSelector.Selected engine = openEngine();
                ProgressRenderer progress = progress("Running")) {
            ComposeApp app = new ComposeApp(engine, project, progress, global().parallelLimit(), global().env);
            boolean removeOrphansEnv = "true".equalsIgnoreCase(global().env.getOrDefault("COMPOSE_REMOVE_ORPHANS", ""));
            Plan plan = app.down(new DownOptions(removeOrphans || removeOrphansEnv, volumes, rmi),
                    timeout == null ? null : Duration.ofSeconds(timeout), global().dryRun());
            if (global().dryRun()) {
                out().print(plan.toString());
            }
        }
        return ExitCodes.OK;
    }
}

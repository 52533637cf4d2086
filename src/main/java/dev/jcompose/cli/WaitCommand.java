package dev.jcompose.cli;

import dev.jcompose.app.ComposeApp;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.WaitService;
import dev.jcompose.model.Project;
import dev.jcompose.plan.DownOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `jcompose wait SERVICE...`: blocks until the services' containers stop, printing each exit, and exits with
 * the first one's code. --down-project takes the project down when the first container stops.
 */
@Command(name = "wait", description = "Block until containers of all (or specified) services stop.",
        customSynopsis = "jcompose wait SERVICE [SERVICE...] [OPTIONS]")
final class WaitCommand extends ServiceCommand {
    @Option(names = "--down-project", description = "Drops project when the first container stops")
    boolean downProject;
    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Services to wait for")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        Project project = downProject ? loadProject(List.of()) : null;
        String name = project != null ? project.name() : projectName();
        try (EngineSelector.Selected engine = openEngine()) {
            int code = new WaitService(engine.engine(), name).await(services, downProject, exit -> {
                out().println("container \"" + exit.containerId() + "\" exited with status code " + exit.code());
                out().flush();
            });
            if (downProject) {
                try (ProgressRenderer progress = progress("Running")) {
                    new ComposeApp(engine, project, progress, global().parallelLimit(), global().env)
                            .down(new DownOptions(true, false, null), null, false);
                }
            }
            return code;
        }
    }
}

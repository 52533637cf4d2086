package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.PushService;
import dev.jcompose.model.Project;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose push`: pushes the images of services that are built and named (image: and build.tags). */
@Command(name = "push", description = "Push service images")
final class PushCommand extends ServiceCommand {
    @Option(names = "--ignore-push-failures", description = "Push what it can and ignores images with push failures")
    boolean ignorePushFailures;
    @Option(names = "--include-deps", description = "Also push images of services declared as dependencies")
    boolean includeDeps;
    @Option(names = {"-q", "--quiet"}, description = "Push without printing progress information")
    boolean quiet;
    @Parameters(paramLabel = "SERVICE", description = "Services to push (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        Project project = loadProject(services);
        try (EngineSelector.Selected engine = openEngine();
                ProgressRenderer progress = quiet ? new ProgressRenderer(err(), ProgressRenderer.Mode.QUIET,
                        global().ansiEnabled(), "Pushing") : progress("Pushing")) {
            new PushService(engine.engine(), project, progress).push(new PushService.Request(services, includeDeps,
                    ignorePushFailures, quiet));
        }
        return ExitCodes.OK;
    }
}

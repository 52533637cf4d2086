package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.PullRequest;
import dev.jcompose.app.PullService;
import dev.jcompose.model.Project;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose pull`: pulls the services' images. */
@Command(name = "pull", description = "Pull service images")
final class PullCommand extends ServiceCommand {
    @Option(names = {"-q", "--quiet"}, description = "Pull without printing progress information")
    boolean quiet;
    @Option(names = "--include-deps", description = "Also pull services declared as dependencies")
    boolean includeDeps;
    @Option(names = "--ignore-pull-failures", description = "Pull what it can and ignores images with pull failures")
    boolean ignorePullFailures;
    @Option(names = "--ignore-buildable", description = "Ignore images that can be built")
    boolean ignoreBuildable;
    @Option(names = "--policy", paramLabel = "POLICY", description = "Apply pull policy (\"missing\"|\"always\")")
    String policy;
    @Option(names = "--parallel", hidden = true, description = "DEPRECATED pull multiple images in parallel")
    boolean parallel;
    @Option(names = "--no-parallel", hidden = true, description = "DEPRECATED disable parallel pulling")
    boolean noParallel;
    @Parameters(paramLabel = "SERVICE", description = "Services to pull (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        if (parallel) {
            err().println(Ansi.color(global().ansiEnabled(), 31, "option '--parallel' is DEPRECATED and will be ignored."));
        }
        if (noParallel) {
            err().println(Ansi.color(global().ansiEnabled(), 31,
                    "option '--no-parallel' is DEPRECATED and will be ignored."));
        }
        Project project = loadProject(services);
        try (EngineSelector.Selected engine = openEngine(); ProgressRenderer progress = progress("Pulling")) {
            new PullService(engine.engine(), project, progress).pull(new PullRequest(services, includeDeps,
                    ignoreBuildable, ignorePullFailures, policy == null || policy.isEmpty() ? null : policy, quiet));
        }
        return ExitCodes.OK;
    }
}

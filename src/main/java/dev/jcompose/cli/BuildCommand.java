package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.build.BuildOptions;
import dev.jcompose.app.build.Builder;
import dev.jcompose.error.ComposeException;
import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose build`: build or rebuild the images of services that have a build section. */
@Command(name = "build", description = "Build or rebuild services")
final class BuildCommand extends ProjectCommand {
    @Option(names = "--no-cache", description = "Do not use cache when building the image")
    boolean noCache;
    @Option(names = "--pull", description = "Always attempt to pull a newer version of the image")
    boolean pull;
    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]", description = "Set build-time variables for services")
    List<String> buildArgs = new ArrayList<>();
    @Option(names = {"-q", "--quiet"}, description = "Don't print anything to STDOUT")
    boolean quiet;
    @Option(names = "--with-dependencies", description = "Also build dependencies (transitively)")
    boolean withDependencies;
    @Option(names = "--parallel", hidden = true, description = "Deprecated: builds always run in parallel")
    boolean parallelFlag;
    @Option(names = "--ssh", paramLabel = "KEY", description = "Not supported: needs BuildKit")
    String ssh;
    @Parameters(paramLabel = "SERVICE", description = "Services to build (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        if (ssh != null) {
            throw ComposeException.usage("--ssh is not supported by the Docker API 1.41 classic builder (it needs "
                    + "BuildKit, which this API does not offer)");
        }
        Project project = loadProject(services);
        for (String name : services) {
            if (!project.services().containsKey(name)) {
                throw ComposeException.usage("no such service: " + name);
            }
        }
        Collection<String> names = services.isEmpty() ? project.serviceNames()
                : withDependencies ? ProjectGraph.of(project).withDependencies(services) : services;
        List<Service> selected = names.stream().map(project::service).toList();
        BuildOptions options = new BuildOptions(noCache, pull, args(), global().parallelLimit());
        if (global().dryRun()) {
            // what would be built, changing nothing (not even packing a context)
            Builder builder = new Builder(null, project, e -> { });
            PrintWriter out = spec.commandLine().getOut();
            selected.stream().filter(s -> s.build() != null).forEach(s -> out.println("service:" + s.name()
                    + " build image " + builder.imageName(s) + " from " + s.build().context()));
            out.flush();
            return ExitCodes.OK;
        }
        try (EngineSelector.Selected engine = openEngine();
                ProgressRenderer progress = quiet
                        ? new ProgressRenderer(err(), ProgressRenderer.Mode.QUIET, global().ansiEnabled(), "Building")
                        : progress("Building")) {
            new Builder(engine.engine(), project, progress).build(selected, options);
        }
        return ExitCodes.OK;
    }

    /** KEY=VALUE, or KEY alone to take the value from the environment (dropped when unset there). */
    private Map<String, String> args() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String arg : buildArgs) {
            int eq = arg.indexOf('=');
            if (eq == 0) {
                throw ComposeException.usage("invalid --build-arg '" + arg + "': use KEY=VALUE or KEY");
            }
            out.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? null : arg.substring(eq + 1));
        }
        return out;
    }
}

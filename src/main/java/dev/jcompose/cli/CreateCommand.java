package dev.jcompose.cli;

import dev.jcompose.app.ComposeApp;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.UpRequest;
import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose create`: `up` without starting anything. */
@Command(name = "create", description = "Creates containers for a service")
final class CreateCommand extends ServiceCommand {
    @Option(names = "--build", description = "Build images before starting containers")
    boolean build;
    @Option(names = "--no-build", description = "Don't build an image, even if it's policy")
    boolean noBuild;
    @Option(names = "--pull", paramLabel = "POLICY", defaultValue = "policy",
            description = "Pull image before running (\"always\"|\"missing\"|\"never\"|\"build\")")
    String pull;
    @Option(names = "--quiet-pull", description = "Pull without printing progress information")
    boolean quietPull;
    @Option(names = "--force-recreate",
            description = "Recreate containers even if their configuration and image haven't changed")
    boolean forceRecreate;
    @Option(names = "--no-recreate",
            description = "If containers already exist, don't recreate them. Incompatible with --force-recreate.")
    boolean noRecreate;
    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;
    @Option(names = "--scale", paramLabel = "SERVICE=NUM",
            description = "Scale SERVICE to NUM instances. Overrides the `scale` setting in the Compose file if present.")
    List<String> scale = new ArrayList<>();
    @Option(names = {"-y", "--yes"}, description = "Assume \"yes\" as answer to all prompts and run non-interactively")
    boolean yes;
    @Parameters(paramLabel = "SERVICE", description = "Services to create (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        if (build && noBuild) {
            throw ComposeException.usage("--build and --no-build are incompatible");
        }
        if (forceRecreate && noRecreate) {
            throw ComposeException.usage("--force-recreate and --no-recreate are incompatible");
        }
        if (build) {
            throw ComposeException.usage("--build is not available yet: jcompose has no build command so far");
        }
        String policy = RunCommand.pullPolicy(spec.commandLine().getParseResult().hasMatchedOption("--pull"), pull);
        Project project = loadProject(services);
        Map<String, Integer> scales = scales(scale);
        UpRequest req = new UpRequest(services, forceRecreate, noRecreate, false, false, true, removeOrphans, false,
                scales, policy, quietPull, false, null, null, global().dryRun());
        try (EngineSelector.Selected engine = openEngine(); ProgressRenderer progress = progress("Creating")) {
            new ComposeApp(engine, project, progress, global().parallelLimit(), global().env).up(req);
        }
        return ExitCodes.OK;
    }

    /** compose's applyScaleOpts: SERVICE=NUM each. */
    static Map<String, Integer> scales(List<String> flags) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String s : flags) {
            int eq = s.indexOf('=');
            if (eq < 0 || eq == s.length() - 1) {
                throw ComposeException.usage("invalid --scale option \"" + s + "\". Should be SERVICE=NUM");
            }
            try {
                out.put(s.substring(0, eq), Integer.parseInt(s.substring(eq + 1)));
            } catch (NumberFormatException e) {
                throw ComposeException.usage("strconv.Atoi: parsing \"" + s.substring(eq + 1)
                        + "\": invalid syntax");
            }
        }
        return out;
    }
}

package dev.jcompose.cli;

import dev.jcompose.app.AttachedRun;
import dev.jcompose.app.ComposeApp;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.UpRequest;
import dev.jcompose.app.build.BuildPolicy;
import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Project;
import dev.jcompose.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose up`: create and start containers, changing only what differs from the compose files. */
@Command(name = "up", description = "Create and start containers")
final class UpCommand extends ContainerCommand {
    @Option(names = {"-d", "--detach"}, description = "Detached mode: run containers in the background")
    boolean detach;
    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration hasn't changed")
    boolean forceRecreate;
    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them")
    boolean noRecreate;
    @Option(names = "--no-deps", description = "Don't start linked services")
    boolean noDeps;
    @Option(names = "--always-recreate-deps", description = "Recreate dependent containers")
    boolean alwaysRecreateDeps;
    @Option(names = "--no-start", description = "Don't start the services after creating them")
    boolean noStart;
    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;
    @Option(names = {"-V", "--renew-anon-volumes"}, description = "Recreate anonymous volumes instead of reusing them")
    boolean renewAnonVolumes;
    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances")
    List<String> scale = new ArrayList<>();
    @Option(names = "--wait", description = "Wait for services to be running|healthy. Implies detached mode")
    boolean waitReady;
    @Option(names = "--wait-timeout", paramLabel = "SECONDS", description = "Maximum duration to wait")
    Integer waitTimeout;
    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds")
    Integer timeout;
    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running (always|missing|never)")
    String pull;
    @Option(names = "--quiet-pull", description = "Pull without printing progress information")
    boolean quietPull;
    @Option(names = {"-y", "--yes"}, description = "Assume yes to all prompts")
    boolean yes;
    @Option(names = "--build", description = "Build images before starting containers")
    boolean build;
    @Option(names = "--no-build", description = "Don't build an image, even if it's policy")
    boolean noBuild;
    @Option(names = "--abort-on-container-exit", description = "Stops all containers if any container was stopped. "
            + "Incompatible with -d")
    boolean abortOnExit;
    @Option(names = "--abort-on-container-failure", description = "Stops all containers if any container exited "
            + "with failure. Incompatible with -d")
    boolean abortOnFailure;
    @Option(names = "--exit-code-from", paramLabel = "SERVICE", description = "Return the exit code of the selected "
            + "service container. Implies --abort-on-container-exit")
    String exitCodeFrom;
    @Option(names = "--attach", paramLabel = "SERVICE", description = "Restrict attaching to the specified services. "
            + "Incompatible with --attach-dependencies.")
    List<String> attach = new ArrayList<>();
    @Option(names = "--no-attach", paramLabel = "SERVICE", description = "Do not attach (stream logs) to the "
            + "specified services")
    List<String> noAttach = new ArrayList<>();
    @Option(names = "--attach-dependencies", description = "Automatically attach to log output of dependent services")
    boolean attachDependencies;
    @Option(names = "--timestamps", description = "Show timestamps")
    boolean timestamps;
    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs")
    boolean noLogPrefix;
    @Option(names = "--no-color", description = "Produce monochrome output")
    boolean noColor;
    @Parameters(paramLabel = "SERVICE", description = "Services to start (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        UpFlags.validate(this);
        Project project = loadProject(services);
        if (exitCodeFrom != null) {
            checkServices(project, List.of(exitCodeFrom));
        }
        boolean attached = !detach && !noStart;
        List<String> attachTo = attached ? AttachedUp.attachSet(project, services, attach, noAttach,
                attachDependencies) : List.of();
        UpRequest req = new UpRequest(services, forceRecreate, noRecreate, noDeps, alwaysRecreateDeps, noStart,
                removeOrphans, renewAnonVolumes, scales(), pull, quietPull, waitReady,
                waitTimeout == null ? null : Duration.ofSeconds(waitTimeout),
                timeout == null ? null : Duration.ofSeconds(timeout), global().dryRun());
        // The attached phase shows output and events from here on, not what containers printed before.
        Instant since = Instant.now();
        try (EngineSelector.Selected engine = openEngine()) {
            try (ProgressRenderer progress = progress("Running")) {
                ComposeApp app = new ComposeApp(engine, project, progress, global().parallelLimit(), global().env);
                Plan plan = app.up(req, build ? BuildPolicy.ALWAYS : noBuild ? BuildPolicy.NEVER
                        : BuildPolicy.MISSING);
                if (global().dryRun()) {
                    out().print(plan.toString());
                    if (attached) {
                        out().println("end of 'compose up' output, interactive run is not supported in dry-run mode");
                    }
                    return plan.isEmpty() ? ExitCodes.OK : ExitCodes.CHANGES;
                }
            }
            if (!attached) {
                return ExitCodes.OK;
            }
            AttachedRun.Cascade cascade = abortOnExit ? AttachedRun.Cascade.STOP
                    : abortOnFailure ? AttachedRun.Cascade.FAIL : AttachedRun.Cascade.IGNORE;
            AttachedUp.Request request = new AttachedUp.Request(services, attachTo, cascade, exitCodeFrom,
                    req.stopTimeout(), since, !noColor && global().ansiEnabled(), !noLogPrefix, timestamps);
            try (ProgressRenderer stopping = stopProgress()) {
                return AttachedUp.run(engine, project, request, out(), err(), global().ansiEnabled(), stopping,
                        global().parallelLimit());
            }
        }
    }

    /** Progress of a stop while attached: one line per event, never the redrawn block among the logs. */
    private ProgressRenderer stopProgress() {
        ProgressRenderer.Mode mode = ProgressRenderer.mode(global().progressMode(), false);
        return new ProgressRenderer(err(), mode, global().ansiEnabled(), "Stopping");
    }

    private Map<String, Integer> scales() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String s : scale) {
            int eq = s.indexOf('=');
            try {
                out.put(s.substring(0, eq), Integer.parseInt(s.substring(eq + 1)));
            } catch (RuntimeException e) {
                throw ComposeException.usage("invalid --scale '" + s + "': use SERVICE=NUM");
            }
        }
        return out;
    }
}

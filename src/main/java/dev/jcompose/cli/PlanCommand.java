package dev.jcompose.cli;

import dev.jcompose.app.ComposeApp;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.UpRequest;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.model.Project;
import dev.jcompose.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `jcompose plan`: what `up` would change and why, without changing anything. Exit 0 when nothing would
 * change, 2 when something would (usable as a drift check in CI).
 */
@Command(name = "plan", description = "Show what `up` would change, with the cause of each change")
final class PlanCommand extends ProjectCommand {
    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json")
    String format = "text";
    @Option(names = "--force-recreate", description = "Plan as with up --force-recreate")
    boolean forceRecreate;
    @Option(names = "--no-recreate", description = "Plan as with up --no-recreate")
    boolean noRecreate;
    @Option(names = "--remove-orphans", description = "Plan as with up --remove-orphans")
    boolean removeOrphans;
    @Option(names = "--no-deps", description = "Plan as with up --no-deps")
    boolean noDeps;
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        Project project = loadProject(services);
        UpRequest req = new UpRequest(services, forceRecreate, noRecreate, noDeps, false, false, removeOrphans,
                false, Map.of(), "never", false, false, null, null, true);
        try (EngineSelector.Selected engine = openEngine()) {
            Plan plan = new ComposeApp(engine, project, ProgressListener.NONE, global().parallelLimit(),
                    global().env).plan(req);
            if ("json".equalsIgnoreCase(format)) {
                out().println(plan.toJson());
            } else if (plan.isEmpty()) {
                out().println("No changes: project " + project.name() + " is up to date.");
            } else {
                out().print(plan.toString());
            }
            return plan.isEmpty() ? ExitCodes.OK : ExitCodes.CHANGES;
        }
    }
}

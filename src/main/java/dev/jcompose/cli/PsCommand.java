package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.ProjectQueries;
import dev.jcompose.app.PsRow;
import dev.jcompose.error.ComposeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose ps`: the project's containers, as `docker compose ps` lists them. */
@Command(name = "ps", description = "List containers")
final class PsCommand extends ContainerCommand {
    @Option(names = "--format", paramLabel = "FORMAT", description = "Format output using a custom template: "
            + "'table' (default), 'json', or 'table {{.Field}}...'")
    String format = "";
    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "Filter services by a property "
            + "(supported filters: status)")
    String filter;
    @Option(names = "--status", paramLabel = "STATUS", description = "Filter services by status. Values: [paused | "
            + "restarting | removing | running | dead | created | exited]")
    List<String> status = new ArrayList<>();
    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    boolean quiet;
    @Option(names = "--services", description = "Display services")
    boolean servicesOnly;
    @Option(names = "--orphans", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Include orphaned services (not declared by project)")
    boolean orphans = true;
    @Option(names = {"-a", "--all"}, description = "Show all stopped containers (including those created by the run "
            + "command)")
    boolean all;
    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> statuses = new ArrayList<>(status);
        if (filter != null) {
            statuses.add(parseFilter(filter));
        }
        Target target = target(services);
        List<String> selected = services;
        if (target.project() != null) {
            checkServices(target.project(), services);
            if (services.isEmpty() && !orphans) {
                selected = target.project().serviceNames();
            }
        }
        List<PsRow> rows;
        try (EngineSelector.Selected engine = openEngine()) {
            rows = new ProjectQueries(engine.engine()).ps(target.name(), selected, all || !statuses.isEmpty());
        }
        if (!statuses.isEmpty()) {
            rows = rows.stream().filter(r -> statuses.contains(r.state().wireName())).toList();
        }
        if (quiet) {
            rows.forEach(r -> out().println(r.id()));
            return ExitCodes.OK;
        }
        if (servicesOnly) {
            Set<String> names = new LinkedHashSet<>();
            rows.forEach(r -> names.add(r.service()));
            out().println(String.join("\n", names));
            return ExitCodes.OK;
        }
        out().print(new PsView(!noTrunc, Instant.now(), ZoneId.systemDefault()).render(rows, format));
        out().flush();
        return ExitCodes.OK;
    }

    /** compose accepts one --filter, status=VALUE only. */
    private static String parseFilter(String filter) {
        int eq = filter.indexOf('=');
        if (eq < 0) {
            throw ComposeException.usage("arguments to --filter should be in form KEY=VAL");
        }
        String key = filter.substring(0, eq);
        return switch (key) {
            case "status" -> filter.substring(eq + 1);
            case "source" -> throw ComposeException.usage("not implemented");
            default -> throw ComposeException.usage("unknown filter " + key);
        };
    }
}

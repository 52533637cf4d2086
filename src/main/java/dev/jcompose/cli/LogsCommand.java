package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.LogRequest;
import dev.jcompose.app.ProjectLogs;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Service;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `jcompose logs`: the output of the project's containers, each line prefixed with its container. -f follows
 * until every container has stopped, picking up containers that start meanwhile; Ctrl-C ends it (exit 130).
 */
@Command(name = "logs", description = "View output from containers")
final class LogsCommand extends ContainerCommand {
    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;
    @Option(names = "--index", paramLabel = "N", description = "index of the container if service has multiple "
            + "replicas")
    int index;
    @Option(names = "--since", paramLabel = "TIME", description = "Show logs since timestamp (e.g. "
            + "2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)")
    String since;
    @Option(names = "--until", paramLabel = "TIME", description = "Show logs before a timestamp (e.g. "
            + "2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)")
    String until;
    @Option(names = "--no-color", description = "Produce monochrome output")
    boolean noColor;
    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs")
    boolean noPrefix;
    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;
    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Number of lines to show from the end of the "
            + "logs for each container (default \"all\")")
    String tail = "all";
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (index > 0 && services.size() != 1) {
            throw ComposeException.usage("--index requires one service to be selected");
        }
        Target target = target(services);
        List<String> selected = new ArrayList<>(services);
        List<String> watched = new ArrayList<>(services);
        if (target.project() != null) {
            checkServices(target.project(), services);
            if (services.isEmpty()) {
                // services that opt out of output (attach: false) only show when named
                for (Service s : target.project().services().values()) {
                    if (!Boolean.FALSE.equals(s.definition().get("attach"))) {
                        selected.add(s.name());
                    }
                }
                watched = selected;
            }
        }
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        LogOptions options = new LogOptions(follow, since == null || since.isEmpty() ? null
                : TimeArg.parse(since, now, zone), until == null || until.isEmpty() ? null
                : TimeArg.parse(until, now, zone), tail(tail), true, true);
        LogPrinter printer = new LogPrinter(out(), err(), !noColor && global().ansiEnabled(), !noPrefix,
                timestamps ? LogPrinter.Stamp.ENGINE : LogPrinter.Stamp.NONE, false, Clock.systemDefaultZone());
        try (EngineSelector.Selected engine = openEngine()) {
            new ProjectLogs(engine.engine(), target.name(), printer).logs(new LogRequest(selected, watched, index,
                    options));
        }
        return ExitCodes.OK;
    }

    /** "all", or a number of lines; like dockerd, anything else (a negative number too) means all. */
    static Integer tail(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.ProjectStats;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `jcompose stats`: live resource usage of the project's containers, as `docker compose stats` shows it (the
 * docker CLI's stats view): the screen redrawn every second until interrupted, or one table with --no-stream.
 */
@Command(name = "stats", description = "Display a live stream of container(s) resource usage statistics")
final class StatsCommand extends ContainerCommand {
    /** The docker CLI clears the screen and homes the cursor before each frame of a live display. */
    static final String CLEAR = "\033[2J\033[H";
    private static final long ROUND_MS = 1_000;

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;
    @Option(names = "--format", paramLabel = "FORMAT", description = "Format output using a custom template: "
            + "'table' (default), 'json', or 'table {{.Field}}...'")
    String format = "";
    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result")
    boolean noStream;
    @Option(names = "--no-trunc", description = "Do not truncate output")
    boolean noTrunc;
    @Parameters(paramLabel = "SERVICE", description = "Service (default: all)", arity = "0..1")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Target target = target(services);
        if (target.project() != null) {
            checkServices(target.project(), services);
        }
        StatsView view = new StatsView(!noTrunc);
        view.render(List.of(), format); // a bad --format fails before anything is read
        try (EngineSelector.Selected engine = openEngine()) {
            ProjectStats stats = new ProjectStats(engine.engine());
            do {
                long start = System.nanoTime();
                String frame = view.render(stats.round(target.name(), services, all), format);
                out().print(noStream ? frame : CLEAR + frame);
                out().flush();
                if (!noStream) {
                    long left = ROUND_MS - (System.nanoTime() - start) / 1_000_000;
                    Thread.sleep(Math.max(left, 100));
                }
            } while (!noStream);
        }
        return ExitCodes.OK;
    }
}

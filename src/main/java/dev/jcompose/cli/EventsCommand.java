package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.EventStream;
import dev.jcompose.engine.Subscription;
import dev.jcompose.error.ComposeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose events`: the project's container events, one line (or JSON object) each, until interrupted. */
@Command(name = "events", description = "Receive real time events from containers")
final class EventsCommand extends ServiceCommand {
    @Option(names = "--json", description = "Output events as a stream of json objects")
    boolean json;
    @Option(names = "--since", paramLabel = "TIME", description = "Show all events created since timestamp")
    String since;
    @Option(names = "--until", paramLabel = "TIME", description = "Stream events until this timestamp")
    String until;
    @Parameters(paramLabel = "SERVICE", description = "Services to follow (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        String project = projectName();
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        try (EngineSelector.Selected engine = openEngine();
                Subscription events = EventStream.follow(engine.engine(), project, services,
                        EventStream.parseTime(since, now), EventStream.parseTime(until, now), e -> {
                            out().println(json ? EventStream.json(e, zone) : EventStream.text(e, zone));
                            out().flush();
                        })) {
            events.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "interrupted");
        }
        return ExitCodes.OK;
    }
}

package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.engine.EngineEvent;
import dev.jcompose.runtime.engine.EventBus;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * GET /events: a JSON object per event, replaying the remembered ones from {@code since}, then live until
 * {@code until} (or until the client leaves). Filters: type, event, container, label, image, volume.
 */
public final class EventRoutes {
    private static final Set<String> FILTERS = Set.of("type", "event", "container", "label", "image", "volume",
            "network", "daemon", "scope");
    private final ContainerEngine engine;
    private final Clock clock;

    public EventRoutes(ContainerEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    public void register(Router r) {
        r.get("/events", this::events);
    }

    private ApiResponse events(ApiRequest req) {
        Filters f = Filters.of(req, FILTERS);
        Instant since = ContainerStreams.time(req.query("since"));
        Instant until = ContainerStreams.time(req.query("until"));
        Predicate<EngineEvent> filter = e -> matches(e, f) && (until == null || !e.time().isAfter(until));
        List<EngineEvent> replay = new ArrayList<>();
        EventBus.Subscription live = engine.events().subscribe(filter, replay);
        return new ApiResponse.Streamed(200, "application/json", out -> {
            try (live) {
                for (EngineEvent e : replay) {
                    if (since != null && !e.time().isBefore(since)) {
                        write(out, e);
                    }
                }
                out.flush();
                while (until == null || clock.instant().isBefore(until)) {
                    long waitMs = until == null ? 1000
                            : Math.max(1, Math.min(1000, Duration.between(clock.instant(), until).toMillis()));
                    EngineEvent e = live.queue().poll(waitMs, TimeUnit.MILLISECONDS);
                    if (e != null) {
                        write(out, e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static boolean matches(EngineEvent e, Filters f) {
        String name = e.attributes().getOrDefault("name", "");
        return f.anyOf("type", t -> t.equals(e.type()))
                && f.anyOf("event", a -> e.action().equals(a) || e.action().startsWith(a + ":"))
                && f.anyOf("container", c -> e.type().equals("container")
                        && (e.actorId().startsWith(c) || name.equals(c)))
                && f.anyOf("volume", v -> e.type().equals("volume") && e.actorId().equals(v))
                && f.anyOf("network", n -> e.type().equals("network") && (e.actorId().startsWith(n) || name.equals(n)))
                && f.anyOf("image", i -> i.equals(e.from()) || i.equals(e.attributes().get("image")))
                && Filters.labelsMatch(f.get("label"), e.attributes());
    }

    private static void write(OutputStream out, EngineEvent e) throws java.io.IOException {
        ObjectNode o = DockerJson.object();
        if (e.type().equals("container")) {
            o.put("status", e.action());
            o.put("id", e.actorId());
            if (e.from() != null) {
                o.put("from", e.from());
            }
        }
        o.put("Type", e.type());
        o.put("Action", e.action());
        ObjectNode actor = o.putObject("Actor");
        actor.put("ID", e.actorId());
        ObjectNode attributes = actor.putObject("Attributes");
        e.attributes().forEach(attributes::put);
        o.put("scope", "local");
        o.put("time", e.time().getEpochSecond());
        o.put("timeNano", e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano());
        out.write(DockerJson.MAPPER.writeValueAsBytes(o));
        out.write('\n');
    }
}

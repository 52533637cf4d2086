package dev.jcompose.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineEvent;
import dev.jcompose.engine.EventFilter;
import dev.jcompose.engine.Subscription;
import dev.jcompose.error.ComposeException;
import dev.jcompose.state.Labels;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `events`: the engine's container events for a project's service containers (one-off containers excluded), as
 * compose reports them: the service, the container id, the action and the attributes minus compose's labels.
 */
public final class EventStream {
    /** One event as compose's api.Event. */
    public record Event(Instant time, String service, String container, String action,
            Map<String, String> attributes) {
        public Event {
            attributes = new TreeMap<>(attributes);
        }
    }

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** Go's RFC3339Nano: fraction without trailing zeros, "Z" for UTC. */
    private static final DateTimeFormatter JSON_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z").toFormatter();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

    private EventStream() {
    }

    /** Streams until the subscription is closed (or {@code until} passes). */
    public static Subscription follow(Engine engine, String project, List<String> services, Instant since,
            Instant until, Consumer<Event> sink) {
        EventFilter filter = new EventFilter(Set.of("container"), List.of(Labels.PROJECT + "=" + project), since,
                until);
        return engine.events(filter, e -> {
            if (!"container".equals(e.type()) || Labels.TRUE.equals(e.attributes().get(Labels.ONEOFF))) {
                return;
            }
            String service = e.attributes().getOrDefault(Labels.SERVICE, "");
            if (!services.isEmpty() && !services.contains(service)) {
                return;
            }
            sink.accept(of(e, service));
        });
    }

    static Event of(EngineEvent e, String service) {
        Map<String, String> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> {
            if (!k.startsWith("com.docker.compose.")) {
                attributes.put(k, v);
            }
        });
        return new Event(e.time(), service, e.actorId(), e.action(), attributes);
    }

    /** compose's Event.String(): {@code 2006-01-02 15:04:05.000000 container start <id> (k=v, ...)}. */
    public static String text(Event e, ZoneId zone) {
        StringBuilder attrs = new StringBuilder();
        e.attributes().forEach((k, v) -> attrs.append(attrs.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return TEXT_TIME.format(e.time().atZone(zone)) + " container " + e.action() + " " + e.container() + " ("
                + attrs + ")";
    }

    /** --json: {"action","attributes","id","service","time","type"} (keys sorted, as Go marshals a map). */
    public static String json(Event e, ZoneId zone) {
        Map<String, Object> out = new TreeMap<>();
        out.put("action", e.action());
        out.put("attributes", e.attributes());
        out.put("id", e.container());
        out.put("service", e.service());
        out.put("time", JSON_TIME.format(e.time().atZone(zone)));
        out.put("type", "container");
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * --since / --until as docker reads them: RFC 3339 (with or without fraction and offset), Unix seconds
     * with an optional fraction, or a Go duration ("10m", "1h30m") counted back from {@code now}.
     */
    public static Instant parseTime(String value, Instant now) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.matches("\\d+(\\.\\d{1,9})?")) {
            String[] parts = value.split("\\.");
            long nanos = parts.length == 2 ? Long.parseLong((parts[1] + "000000000").substring(0, 9)) : 0;
            return Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
        }
        Matcher m = DURATION.matcher(value);
        if (m.lookingAt()) {
            Duration total = Duration.ZERO;
            int end = 0;
            m.reset();
            while (m.find() && m.start() == end) {
                total = total.plus(unit(Double.parseDouble(m.group(1)), m.group(2)));
                end = m.end();
            }
            if (end == value.length()) {
                return now.minus(total);
            }
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException again) {
                throw ComposeException.usage("invalid time \"" + value + "\": use RFC 3339, Unix seconds or a"
                        + " duration like 10m");
            }
        }
    }

    private static Duration unit(double amount, String unit) {
        double nanos = switch (unit) {
            case "ns" -> amount;
            case "us" -> amount * 1e3;
            case "ms" -> amount * 1e6;
            case "s" -> amount * 1e9;
            case "m" -> amount * 60e9;
            default -> amount * 3600e9;
        };
        return Duration.ofNanos((long) nanos);
    }
}

package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.engine.EngineEvent;
import dev.jcompose.error.ComposeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** compose's event text and JSON forms, and docker's --since/--until time syntax. */
class EventStreamTest {
    static final EngineEvent START = new EngineEvent("container", "start", "abc123", Map.of("name", "demo-web-1",
            "image", "busybox", "com.docker.compose.project", "demo", "com.docker.compose.service", "web"),
            Instant.parse("2024-01-02T03:04:05.123456789Z"));

    @Test
    void textDropsComposeLabelsAndSortsAttributes() {
        EventStream.Event e = EventStream.of(START, "web");
        assertEquals("2024-01-02 03:04:05.123456 container start abc123 (image=busybox, name=demo-web-1)",
                EventStream.text(e, ZoneOffset.UTC));
        assertEquals("2024-01-02 04:04:05.123456 container start abc123 (image=busybox, name=demo-web-1)",
                EventStream.text(e, ZoneId.of("Europe/Paris")), "local time, as Go's time.Unix");
    }

    @Test
    void jsonHasGosKeysAndRfc3339NanoTime() {
        assertEquals("{\"action\":\"start\",\"attributes\":{\"image\":\"busybox\",\"name\":\"demo-web-1\"},"
                + "\"id\":\"abc123\",\"service\":\"web\",\"time\":\"2024-01-02T03:04:05.123456789Z\","
                + "\"type\":\"container\"}", EventStream.json(EventStream.of(START, "web"), ZoneOffset.UTC));
        EngineEvent round = new EngineEvent("container", "die", "x", Map.of(), Instant.parse("2024-01-02T03:04:05.5Z"));
        assertEquals("{\"action\":\"die\",\"attributes\":{},\"id\":\"x\",\"service\":\"\","
                + "\"time\":\"2024-01-02T04:04:05.5+01:00\",\"type\":\"container\"}",
                EventStream.json(EventStream.of(round, ""), ZoneOffset.ofHours(1)));
    }

    @ParameterizedTest
    @CsvSource({
        "1700000000, 2023-11-14T22:13:20Z",
        "1700000000.5, 2023-11-14T22:13:20.500Z",
        "2024-01-02T03:04:05Z, 2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05.25+01:00, 2024-01-02T02:04:05.250Z",
        "10m, 2024-01-01T23:50:00Z",
        "1h30m, 2024-01-01T22:30:00Z",
        "1.5s, 2024-01-01T23:59:58.500Z",
    })
    void parsesDockersTimeForms(String value, String expected) {
        Instant now = Instant.parse("2024-01-02T00:00:00Z");
        assertEquals(Instant.parse(expected), EventStream.parseTime(value, now));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(ComposeException.class, () -> EventStream.parseTime("yesterday", Instant.EPOCH));
        assertEquals(null, EventStream.parseTime("", Instant.EPOCH));
    }
}

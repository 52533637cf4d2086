package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.engine.ImageConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `events` replaying the fake engine's history (--since/--until bound the stream so it ends). */
class EventsCommandTest {
    @TempDir
    Path dir;
    ServiceCli cli;
    String until;

    @BeforeEach
    void setUp() {
        cli = new ServiceCli(dir, """
                services:
                  web:
                    image: busybox:latest
                    labels: {tier: front}
                  db:
                    image: busybox:latest
                """);
        cli.fake.addImage("tool:latest", ImageConfig.EMPTY);
        assertEquals(0, cli.run("scale", "web=1", "db=1").code());
        assertEquals(0, cli.run("run", "-d", "web").code(), "one-off events are left out");
        // An `until` already past makes the stream replay and end, as `docker events --until` does.
        until = Instant.now().toString();
    }

    @Test
    void textLinesAsComposePrintsThem() {
        ServiceCli.Result r = cli.run("events", "--since", "0", "--until", until, "web");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        String id = cli.fake.inspectContainer("demo-web-1").id();
        assertTrue(lines.size() >= 2, lines.toString());
        for (String line : lines) {
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} container \\S+ " + id
                    + " \\(image=busybox:latest, name=demo-web-1, tier=front\\)"), line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains(" container create ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains(" container start ")), lines.toString());
    }

    @Test
    void jsonObjects() throws Exception {
        ServiceCli.Result r = cli.run("events", "--json", "--since", "0", "--until", until);
        assertEquals(0, r.code(), r.err());
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = r.out().lines().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertTrue(events.stream().anyMatch(e -> e.get("service").asText().equals("db")));
        JsonNode first = events.getFirst();
        assertEquals(List.of("action", "attributes", "id", "service", "time", "type"),
                List.copyOf(iterable(first)));
        assertEquals("container", first.get("type").asText());
        assertFalse(first.get("attributes").has("com.docker.compose.project"));
        assertTrue(events.stream().noneMatch(e -> e.get("attributes").get("name").asText().contains("-run-")));
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

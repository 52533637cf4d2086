package dev.jcompose.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * `jcompose stats` on both engines: the running containers of the project with their real usage (a busy loop
 * shows CPU, a held string memory), `-a` adds stopped ones with zeros, a service narrows it, and without
 * --no-stream the screen is redrawn every second.
 */
class StatsE2eTest {
    private static final String STACK = """
            services:
              busy:
                image: jcompose/busybox:latest
                command: ["sh", "-c", "x=$$(head -c 16777216 /dev/zero | tr '\\\\0' a); while :; do :; done"]
              idle:
                image: jcompose/busybox:latest
                command: ["sleep", "3600"]
              done:
                image: jcompose/busybox:latest
                command: ["true"]
            """;

    @Nested
    @Tag("docker")
    class OnDockerd extends Cases {
        @Override
        EngineTarget target() {
            return EngineTarget.dockerd();
        }
    }

    @Nested
    @Tag("root")
    @ExtendWith(EmbeddedEngineExtension.class)
    class OnEmbedded extends Cases {
        @Override
        EngineTarget target() {
            return EngineTarget.embedded();
        }
    }

    abstract static class Cases extends E2eTest {
        @Test
        void noStreamShowsTheProjectsContainersWithTheirUsage() throws Exception {
            project.file("compose.yaml", STACK).ok("up", "-d");
            Thread.sleep(1000); // the busy loop has run a while and holds its 16 MiB

            Map<String, JsonNode> rows = rows(project.ok("stats", "--no-stream", "--format", "json").out());
            String prefix = project.name + "-";
            assertEquals(List.of(prefix + "busy-1", prefix + "idle-1"), new ArrayList<>(rows.keySet()));
            JsonNode busy = rows.get(prefix + "busy-1");
            double cpu = Double.parseDouble(busy.path("CPUPerc").asText().replace("%", ""));
            assertTrue(cpu > 20, "a busy loop: " + busy);
            String memory = busy.path("MemUsage").asText().split(" / ")[0];
            assertTrue(memory.endsWith("MiB") && Double.parseDouble(memory.replace("MiB", "")) >= 15,
                    "the 16 MiB string is counted: " + busy);
            assertEquals(project.container("busy").id().substring(0, 12), busy.path("ID").asText());
            assertEquals("1", rows.get(prefix + "idle-1").path("PIDs").asText());

            Map<String, JsonNode> all = rows(project.ok("stats", "--no-stream", "-a", "--format", "json").out());
            assertEquals("0B / 0B", all.get(prefix + "done-1").path("MemUsage").asText(), all.toString());
            assertEquals("0.00%", all.get(prefix + "done-1").path("CPUPerc").asText());

            String one = project.ok("stats", "--no-stream", "--format", "{{.Name}}", "idle").out();
            assertEquals(prefix + "idle-1\n", one);
        }

        @Test
        void withoutNoStreamTheScreenIsRedrawnEverySecond() throws Exception {
            project.file("compose.yaml", STACK).ok("up", "-d", "idle");
            Process live = Cli.start(tmp.resolve("live"), "stats", target().cliEnv(), project.args("stats"));
            Thread.sleep(3500);
            live.destroy();
            live.waitFor();
            String out = Files.readString(tmp.resolve("live").resolve("stats.out"));
            String[] frames = out.split("\033\\[2J\033\\[H", -1);
            assertTrue(frames.length >= 3, "at least two frames in 3.5 s: " + out);
            for (int i = 1; i < frames.length; i++) {
                assertTrue(frames[i].startsWith("CONTAINER ID   NAME"), frames[i]);
                assertTrue(frames[i].contains(project.name + "-idle-1"), frames[i]);
            }
        }
    }

    private static Map<String, JsonNode> rows(String jsonLines) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        for (String line : jsonLines.strip().split("\n")) {
            JsonNode row = new ObjectMapper().readTree(line);
            out.put(row.path("Name").asText(), row);
        }
        return out;
    }
}

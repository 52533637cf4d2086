package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.app.ProjectQueries;
import dev.jcompose.app.PsRow;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ps` against the in-memory engine: which containers, and compose's table / JSON / template output. */
class PsCommandTest {
    static final Instant T = Instant.parse("2024-03-01T10:00:00Z");
    static final String YAML = """
            name: demo
            services:
              db:
                image: busybox:latest
                command: ["sleep", "1000"]
              web:
                image: busybox:latest
                command: ["sh", "-c", "httpd -f -p 8080 && echo done"]
                ports: ["127.0.0.1:18080:8080", "9000-9001:9000-9001"]
                depends_on: [db]
            """;

    @TempDir
    Path dir;
    FakeEngine fake;
    FakeCli cli;

    @BeforeEach
    void up() throws IOException {
        fake = new FakeEngine(Clock.fixed(T, ZoneOffset.UTC));
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        Files.writeString(dir.resolve("compose.yaml"), YAML);
        cli = new FakeCli(fake, dir);
        FakeCli.Result up = cli.run("up", "-d");
        assertEquals(0, up.code(), up.toString());
    }

    private List<PsRow> rows(boolean all) {
        return new ProjectQueries(fake).ps("demo", List.of(), all);
    }

    @Test
    void tableIsComposesWithGoTabwriterPadding() {
        String table = new PsView(true, T.plus(Duration.ofMinutes(2)), ZoneId.of("UTC")).render(rows(false), "");
        assertEquals("""
                NAME         IMAGE            COMMAND                  SERVICE   CREATED         STATUS    PORTS
                demo-db-1    busybox:latest   "sleep 1000"             db        2 minutes ago   Up        \

                demo-web-1   busybox:latest   "sh -c 'httpd -f -p …"   web       2 minutes ago   Up        \
                0.0.0.0:9000-9001->9000-9001/tcp, 127.0.0.1:18080->8080/tcp
                """, table);
    }

    @Test
    void noTruncKeepsTheWholeCommand() {
        String table = new PsView(false, T.plus(Duration.ofSeconds(1)), ZoneId.of("UTC")).render(rows(false),
                "table {{.Name}}\\t{{.Command}}\\t{{.RunningFor}}");
        assertEquals("""
                NAME         COMMAND                                   CREATED
                demo-db-1    "sleep 1000"                              1 second ago
                demo-web-1   "sh -c 'httpd -f -p 8080 && echo done'"   1 second ago
                """, table);
    }

    @Test
    void jsonIsOneObjectPerLineWithEveryFieldSortedAndHtmlEscaped() throws IOException {
        String json = new PsView(true, T.plus(Duration.ofHours(3)), ZoneId.of("UTC")).render(rows(false), "json");
        String[] lines = json.split("\n");
        assertEquals(2, lines.length, json);
        JsonNode web = new ObjectMapper().readTree(lines[1]);
        List<String> keys = new ArrayList<>();
        web.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("Command", "CreatedAt", "ExitCode", "Health", "ID", "Image", "Labels", "LocalVolumes",
                "Mounts", "Name", "Names", "Networks", "Ports", "Project", "Publishers", "RunningFor", "Service",
                "Size", "State", "Status"), keys);
        ContainerSummary summary = fake.listContainers(List.of("com.docker.compose.service=web"), false).getFirst();
        assertEquals(summary.id().substring(0, 12), web.get("ID").asText());
        assertEquals("\"sh -c 'httpd -f -p …\"", web.get("Command").asText());
        assertEquals("2024-03-01 10:00:00 +0000 UTC", web.get("CreatedAt").asText());
        assertEquals("3 hours ago", web.get("RunningFor").asText());
        assertEquals("running", web.get("State").asText());
        assertEquals("demo_default", web.get("Networks").asText());
        assertEquals("0", web.get("LocalVolumes").asText());
        assertEquals("0B", web.get("Size").asText());
        List<String> labels = new ArrayList<>();
        new TreeMap<>(summary.labels()).forEach((k, v) -> labels.add(k + "=" + v));
        assertEquals(String.join(",", labels), web.get("Labels").asText());
        assertTrue(lines[1].contains("\"Ports\":\"0.0.0.0:9000-9001-\\u003e9000-9001/tcp, 127.0.0.1:18080-\\u003e"
                + "8080/tcp\""), lines[1]);
        assertTrue(lines[1].contains("\"Command\":\"\\\"sh -c 'httpd -f -p …\\\"\""), lines[1]);
        Iterator<JsonNode> publishers = web.get("Publishers").elements();
        assertEquals("{\"URL\":\"127.0.0.1\",\"TargetPort\":8080,\"PublishedPort\":18080,\"Protocol\":\"tcp\"}",
                publishers.next().toString());
    }

    @Test
    void quietListsFullIdsOfRunningContainersSortedByName() {
        fake.exit(fake.listContainers(List.of("com.docker.compose.service=db"), false).getFirst().id(), 0);
        FakeCli.Result r = cli.run("ps", "-q");
        String web = fake.listContainers(List.of("com.docker.compose.service=web"), false).getFirst().id();
        assertEquals(web + "\n", r.out(), r.toString());
        List<String> all = new ArrayList<>();
        new TreeMap<>(Map.of("demo-db-1", id("db"), "demo-web-1", id("web"))).values().forEach(all::add);
        assertEquals(String.join("\n", all) + "\n", cli.run("ps", "-a", "-q").out());
    }

    private String id(String service) {
        return fake.listContainers(List.of("com.docker.compose.service=" + service), true).getFirst().id();
    }

    @Test
    void statusFilterImpliesAllAndMatchesTheState() {
        fake.exit(id("db"), 3);
        assertEquals("demo-db-1 Exited (3)\n", cli.run("ps", "--status", "exited", "--format",
                "{{.Name}} {{.Status}}").out());
        assertEquals("demo-db-1\n", cli.run("ps", "--filter", "status=exited", "--format", "{{.Name}}").out());
        assertEquals("demo-db-1\ndemo-web-1\n", cli.run("ps", "--status", "exited", "--status", "running",
                "--format", "{{.Name}}").out());
        assertEquals("demo-web-1\n", cli.run("ps", "--format", "{{.Name}}").out(), "without -a: running only");
    }

    @Test
    void servicesAndServiceArguments() {
        assertEquals("db\nweb\n", cli.run("ps", "--services").out());
        assertEquals("demo-web-1\n", cli.run("ps", "web", "--format", "{{.Name}}").out());
        FakeCli.Result unknown = cli.run("ps", "nope");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("no such service: nope"), unknown.err());
    }

    @Test
    void badFiltersAreRefusedLikeCompose() {
        FakeCli.Result noEquals = cli.run("ps", "--filter", "status");
        assertTrue(noEquals.err().contains("arguments to --filter should be in form KEY=VAL"), noEquals.toString());
        FakeCli.Result badKey = cli.run("ps", "--filter", "name=x");
        assertTrue(badKey.err().contains("unknown filter name"), badKey.toString());
        FakeCli.Result badField = cli.run("ps", "--format", "{{.Nope}}");
        assertTrue(badField.err().contains("can't evaluate field Nope"), badField.toString());
    }

    @Test
    void onlyTheProjectsContainersAndOrphansUnlessTurnedOff() throws IOException {
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(other.resolve("compose.yaml"), "name: other\nservices:\n  x:\n    image: busybox:latest\n");
        assertEquals(0, new FakeCli(fake, other).run("up", "-d").code());
        Files.writeString(dir.resolve("compose.yaml"), YAML.replace("  web:", "  www:").replace("[db]\n", "[db]\n"));
        assertEquals("demo-db-1\ndemo-web-1\n", cli.run("ps", "--format", "{{.Name}}").out(), "orphan web listed");
        assertEquals("demo-db-1\n", cli.run("ps", "--orphans=false", "--format", "{{.Name}}").out());
        assertEquals("demo-db-1\ndemo-web-1\n", new FakeCli(fake, other).run("-p", "demo", "ps", "--format",
                "{{.Name}}").out(), "-p alone works from labels");
    }
}

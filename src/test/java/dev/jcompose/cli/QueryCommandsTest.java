package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.app.ProjectQueries;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.fake.FakeEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ls, images, top and port through the CLI against the in-memory engine. */
class QueryCommandsTest {
    static final Instant T = Instant.parse("2024-03-01T10:00:00Z");

    @TempDir
    Path dir;
    FakeEngine fake;
    FakeCli cli;
    ImageInfo busybox;

    @BeforeEach
    void up() throws IOException {
        fake = new FakeEngine(Clock.fixed(T, ZoneOffset.UTC));
        busybox = fake.addImage("busybox:latest", ImageConfig.EMPTY);
        Files.writeString(dir.resolve("compose.yaml"), """
                name: demo
                services:
                  db:
                    image: busybox:latest
                  web:
                    image: busybox
                    command: ["httpd", "-f"]
                    ports: ["127.0.0.1:18080:8080", "9000:9000/udp"]
                """);
        cli = new FakeCli(fake, dir);
        FakeCli.Result up = cli.run("up", "-d");
        assertEquals(0, up.code(), up.toString());
    }

    private void otherProjectStopped() throws IOException {
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(other.resolve("compose.yaml"), "name: other\nservices:\n  x:\n    image: busybox:latest\n");
        FakeCli otherCli = new FakeCli(fake, other);
        assertEquals(0, otherCli.run("up", "-d").code());
        assertEquals(0, otherCli.run("stop").code());
    }

    @Test
    void lsListsRunningProjectsOrAllWithCombinedStatus() throws IOException {
        otherProjectStopped();
        String files = dir.resolve("compose.yaml").toString();
        assertEquals("NAME                STATUS              CONFIG FILES\n"
                + "demo                running(2)          " + files + "\n", cli.run("ls").out());
        assertEquals(0, cli.run("stop", "db").code());
        String all = cli.run("ls", "-a").out();
        // the STATUS column grows to its widest cell plus 3
        assertEquals("NAME                " + "%-24s".formatted("STATUS") + "CONFIG FILES\n"
                + "demo                " + "%-24s".formatted("exited(1), running(1)") + files + "\n"
                + "other               " + "%-24s".formatted("exited(1)") + dir.resolve("other/compose.yaml") + "\n",
                all);
        assertEquals("demo\nother\n", cli.run("ls", "-a", "-q").out());
        assertEquals("other\n", cli.run("ls", "-a", "-q", "--filter", "name=^ot").out());
        assertEquals("[{\"Name\":\"demo\",\"Status\":\"running(1)\",\"ConfigFiles\":\"" + files + "\"}]\n",
                cli.run("ls", "--format", "json").out());
        assertEquals("[]\n", cli.run("ls", "--format", "json", "--filter", "name=nothing").out());
        assertTrue(cli.run("ls", "--filter", "status=running").err().contains("invalid filter 'status'"));
    }

    @Test
    void imagesTableJsonAndQuiet() {
        String table = ImagesCommand.render(new ProjectQueries(fake).images("demo", List.of()), false, "table",
                T.plus(Duration.ofMinutes(2)));
        String id = busybox.id().substring(7, 19);
        String size = GoFormat.humanSize(busybox.size());
        assertEquals("""
                CONTAINER           REPOSITORY          TAG                 PLATFORM            IMAGE ID            \
                SIZE                CREATED
                demo-db-1           busybox             latest              linux/amd64         %s        \
                %-20s2 minutes ago
                demo-web-1          busybox             latest              linux/amd64         %s        \
                %-20s2 minutes ago
                """.formatted(id, size, id, size), table);
        assertEquals(busybox.id().substring(7) + "\n", cli.run("images", "-q").out(), "one id, without sha256:");
        FakeCli.Result json = cli.run("images", "--format", "json", "web");
        assertEquals("[{\"ID\":\"" + busybox.id() + "\",\"ContainerName\":\"demo-web-1\",\"Repository\":\"busybox\","
                + "\"Tag\":\"latest\",\"Platform\":\"linux/amd64\",\"Size\":" + busybox.size()
                + ",\"Created\":\"2024-03-01T10:00:00Z\"}]\n", json.out());
        assertEquals(2, cli.run("images", "--format", "xml").code());
    }

    @Test
    void topListsEachRunningContainersProcesses() throws IOException {
        assertEquals(0, cli.run("stop", "db").code());
        FakeCli.Result r = cli.run("top");
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches("SERVICE  #   UID   PID +PPID  C   STIME  TTY  TIME      CMD"), lines[0]);
        assertTrue(lines[1].matches("web      1   root  \\d+ +1     0   00:00  \\?    00:00:00  httpd -f"), lines[1]);
        assertEquals("", cli.run("top", "db").out(), "nothing running: nothing printed");
    }

    @Test
    void portPrintsTheHostAddress() {
        assertEquals("127.0.0.1:18080\n", cli.run("port", "web", "8080").out());
        assertEquals("0.0.0.0:9000\n", cli.run("port", "--protocol", "UDP", "web", "9000").out());
        FakeCli.Result missing = cli.run("port", "web", "80");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no port 80/tcp for container demo-web-1: 8080/tcp, 9000/udp"),
                missing.err());
        assertTrue(cli.run("port", "--index", "2", "web", "8080").err().contains("service \"web\" is not running "
                + "container #2"));
        assertTrue(cli.run("port", "web", "http").err().contains("strconv.ParseUint: parsing \"http\": invalid "
                + "syntax"));
    }

    @Test
    void psJsonParsesAsJsonPerLine() throws IOException {
        FakeCli.Result r = cli.run("ps", "--format", "json");
        for (String line : r.out().split("\n")) {
            JsonNode node = new ObjectMapper().readTree(line);
            assertEquals("demo", node.get("Project").asText());
        }
    }
}

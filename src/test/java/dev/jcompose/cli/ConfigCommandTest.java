package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `jcompose config` end to end through Main; skipped while a loader phase is still a stub. */
class ConfigCommandTest {
    static final Map<String, String> ENV = Map.of("TAG", "1.25", "DB_PASSWORD", "s3cret");
    @TempDir
    Path dir;

    @BeforeEach
    void project() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), """
                name: shop
                services:
                  web:
                    image: nginx:${TAG}
                    ports: ["8080:80"]
                    depends_on: [db]
                  db:
                    image: postgres
                    environment: [DB_PASSWORD]
                    volumes: [data:/var/lib/postgresql/data]
                volumes:
                  data:
                """);
    }

    @Test
    void printsTheCanonicalModel() {
        CliRun r = CliRun.run(dir, ENV, "config");
        assertEquals(0, r.code(), r.err());
        Object tree = Nodes.toPlain(YamlParser.parse("out", r.out()));
        assertEquals("nginx:1.25", LoaderPaths.at(tree, "services.web.image"));
        assertEquals("8080", LoaderPaths.at(tree, "services.web.ports[0].published"));
        assertEquals("s3cret", LoaderPaths.at(tree, "services.db.environment.DB_PASSWORD"));
        assertEquals("shop_data", LoaderPaths.at(tree, "volumes.data.name"));
        assertEquals("shop_default", LoaderPaths.at(tree, "networks.default.name"));
    }

    @Test
    void jsonAndOutputFile() throws IOException {
        CliRun r = CliRun.run(dir, ENV, "config", "--format", "json", "-o", "out.json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.readString(dir.resolve("out.json")).contains("\"published\": \"8080\""));
    }

    @Test
    void quietPrintsNothingButStillValidates() throws IOException {
        CliRun ok = CliRun.run(dir, ENV, "config", "-q");
        assertEquals(0, ok.code(), ok.err());
        assertEquals("", ok.out());
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: x\n    ports: [\"80:abc\"]\n");
        CliRun bad = CliRun.run(dir, ENV, "config", "-q");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("compose.yaml:4:13 services.web.ports[0]: invalid port \"80:abc\""),
                bad.err());
    }

    @Test
    void facets() {
        assertEquals("db\nweb\n", CliRun.run(dir, ENV, "config", "--services").out());
        assertEquals("data\n", CliRun.run(dir, ENV, "config", "--volumes").out());
        assertEquals("postgres\nnginx:1.25\n", CliRun.run(dir, ENV, "config", "--images").out());
        String hashes = CliRun.run(dir, ENV, "config", "--hash", "*").out();
        assertTrue(hashes.matches("db [0-9a-f]{64}\nweb [0-9a-f]{64}\n"), hashes);
        String env = CliRun.run(dir, ENV, "config", "--environment").out();
        assertTrue(env.contains("DB_PASSWORD=********\n") && env.contains("TAG=1.25\n"), env);
    }

    @Test
    void hashChangesWithTheEnvironmentButNotWithScale() throws IOException {
        String before = CliRun.run(dir, ENV, "config", "--hash", "web").out();
        assertEquals(before, CliRun.run(dir, ENV, "--profile", "x", "config", "--hash", "web").out());
        String other = CliRun.run(dir, Map.of("TAG", "1.26"), "config", "--hash", "web").out();
        assertTrue(!before.equals(other), before + other);
        Files.writeString(dir.resolve("compose.yaml"), Files.readString(dir.resolve("compose.yaml"))
                .replace("ports: [\"8080:80\"]", "ports: [\"8080:80\"]\n    scale: 1"));
        assertEquals(before, CliRun.run(dir, ENV, "config", "--hash", "web").out());
    }

    @Test
    void unsupportedOptionsAreUsageErrors() {
        CliRun r = CliRun.run(dir, ENV, "config", "--resolve-image-digests");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not supported yet"), r.err());
        assertEquals(2, CliRun.run(dir, ENV, "config", "--format", "xml").code());
    }
}

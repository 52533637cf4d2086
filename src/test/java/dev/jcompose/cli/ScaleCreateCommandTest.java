package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `create` (up without start) and `scale` (up with replica overrides) on the fake engine. */
class ScaleCreateCommandTest {
    @TempDir
    Path dir;
    ServiceCli cli;

    @BeforeEach
    void setUp() {
        cli = new ServiceCli(dir, """
                services:
                  db:
                    image: busybox:latest
                  web:
                    image: busybox:latest
                    depends_on: [db]
                """);
    }

    private List<String> names() {
        return cli.fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .map(c -> c.name()).sorted().toList();
    }

    @Test
    void createCreatesWithoutStarting() {
        ServiceCli.Result r = cli.run("create", "--scale", "web=2");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("demo-db-1", "demo-web-1", "demo-web-2"), names());
        assertEquals(ContainerState.CREATED, cli.fake.inspectContainer("demo-web-2").state());
    }

    @Test
    void createFlagErrors() {
        assertTrue(cli.run("create", "--force-recreate", "--no-recreate").err()
                .contains("--force-recreate and --no-recreate are incompatible"));
        assertTrue(cli.run("create", "--build", "--no-build").err().contains("--build and --no-build are incompatible"));
        assertTrue(cli.run("create", "--pull", "often").err().contains("invalid --pull option \"often\""));
        assertTrue(cli.run("create", "--scale", "web").err().contains("invalid --scale option \"web\""));
        assertEquals(List.of(), names());
    }

    @Test
    void scaleUpAndDownKeepsNumbering() {
        assertEquals(0, cli.run("scale", "web=3").code());
        assertEquals(List.of("demo-db-1", "demo-web-1", "demo-web-2", "demo-web-3"), names());
        assertEquals(ContainerState.RUNNING, cli.fake.inspectContainer("demo-web-3").state());
        String first = cli.fake.inspectContainer("demo-web-1").id();
        assertEquals(0, cli.run("scale", "web=1").code());
        assertEquals(List.of("demo-db-1", "demo-web-1"), names());
        assertEquals(first, cli.fake.inspectContainer("demo-web-1").id(), "the remaining replica is untouched");
    }

    @Test
    void scaleNoDepsLeavesDependenciesAlone() {
        assertEquals(0, cli.run("scale", "--no-deps", "web=1").code());
        assertEquals(List.of("demo-web-1"), names());
    }

    @Test
    void scaleSpecifierErrors() {
        assertTrue(cli.run("scale", "web").err().contains("invalid scale specifier: web"));
        assertTrue(cli.run("scale", "web=x").err()
                .contains("invalid scale specifier: can't parse replica value as int: web=x"));
        assertTrue(cli.run("scale", "nope=1").err().contains("no such service: nope"));
        assertEquals(2, cli.run("scale").code());
    }
}

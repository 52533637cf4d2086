package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets and configs from environment: and content: on dockerd: written through the archive API before start
 * with compose's targets, modes and owners; `up` again with a changed content recreates the container.
 * (The embedded engine needs PUT /containers/{id}/archive for this; not covered here.)
 */
@Tag("docker")
class InjectedFilesDockerE2ETest {
    static final String YAML = """
            services:
              app:
                image: jcompose/busybox:latest
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
                secrets:
                  - token
                  - source: token
                    target: owned.txt
                    uid: "1000"
                    gid: "1001"
                    mode: 0400
                configs:
                  - source: motd
                    target: /etc/app/motd.conf
                  - motd
              one:
                image: jcompose/busybox:latest
                secrets: [token]
                profiles: [jobs]
            secrets:
              token:
                environment: JCT_TOKEN
            configs:
              motd:
                content: "hello ${JCT_WHO}"
            """;

    @TempDir
    Path dir;
    DockerProjectCli cli;

    @BeforeAll
    static void busybox() throws Exception {
        DockerProjectCli.ensureBusybox();
    }

    @BeforeEach
    void project() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), YAML);
        cli = new DockerProjectCli("jct-inj-", dir.resolve("compose.yaml"));
        cli.env.put("JCT_TOKEN", "s3cret");
        cli.env.put("JCT_WHO", "world");
    }

    @AfterEach
    void down() {
        cli.close();
    }

    private String show(String path) {
        DockerProjectCli.Run r = cli.run("exec", "-T", "app", "sh", "-c", "stat -c '%a %u:%g' " + path
                + " && cat " + path);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test
    void upWritesTheFilesAndAChangedContentRecreates() {
        DockerProjectCli.Run up = cli.run("up", "-d");
        assertEquals(0, up.code(), up.err());
        assertEquals("444 0:0\ns3cret", show("/run/secrets/token"));
        assertEquals("400 1000:1001\ns3cret", show("/run/secrets/owned.txt"));
        assertEquals("444 0:0\nhello world", show("/etc/app/motd.conf"));
        assertEquals("444 0:0\nhello world", show("/motd"));
        String first = cli.containerId("app");

        assertEquals(0, cli.run("up", "-d").code());
        assertEquals(first, cli.containerId("app"), "unchanged content: the container stays");

        cli.env.put("JCT_WHO", "moon");
        DockerProjectCli.Run again = cli.run("up", "-d");
        assertEquals(0, again.code(), again.err());
        assertNotEquals(first, cli.containerId("app"), "changed config content: recreated");
        assertEquals("444 0:0\nhello moon", show("/motd"));
    }

    @Test
    void runGetsTheSecretAndAnUnsetVariableFailsClearly() {
        DockerProjectCli.Run r = cli.run("run", "--rm", "one", "cat", "/run/secrets/token");
        assertEquals(0, r.code(), r.err());
        assertEquals("s3cret", r.out());

        cli.env.remove("JCT_TOKEN");
        DockerProjectCli.Run unset = cli.run("up", "-d", "app");
        assertNotEquals(0, unset.code());
        assertTrue(unset.err().contains("environment variable \"JCT_TOKEN\" required by secret"), unset.err());
        assertTrue(cli.containers().isEmpty(), "nothing created: " + cli.containers());
    }
}

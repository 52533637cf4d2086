package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose 1.29.2 (docker-py, another client nobody here wrote) brings a two-service stack up on the
 * embedded daemon: its project network, service-name DNS between the containers, down removes everything.
 */
@Tag("root")
class DockerComposeV1Test {
    private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");
    private EmbeddedDaemon daemon;
    private DockerCli docker;

    @TempDir
    Path project;

    @BeforeEach
    void startDaemon() throws Exception {
        assumeTrue(Files.isExecutable(COMPOSE), "needs docker-compose 1.29.2");
        Path binary = DockerCli.find();
        assumeTrue(binary != null, "needs the docker CLI");
        daemon = new EmbeddedDaemon().start();
        docker = new DockerCli(binary, daemon.uri());
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private String compose(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(COMPOSE.toString(), "-H", daemon.uri().toString(), "-p", "jctc1",
                "-f", project.resolve("docker-compose.yml").toString()));
        cmd.addAll(List.of(args));
        File out = project.resolve("out.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("DOCKER_HOST");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "docker-compose " + String.join(" ", args) + " hung");
        String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "docker-compose " + String.join(" ", args) + ":\n" + text);
        return text;
    }

    @Test
    void upResolvesServicesByNameAndDownLeavesNothing() throws Exception {
        Files.writeString(project.resolve("docker-compose.yml"), """
                version: "2.4"
                services:
                  api:
                    image: busybox
                    command: sh -c "echo from-api > /var/www/index.html && exec httpd -f -p 80 -h /var/www"
                  client:
                    image: busybox
                    command: sleep 3600
                """);
        compose("up", "-d");
        assertTrue(docker.run("network", "ls", "-q", "--filter", "name=jctc1_default").stdout().strip().length() > 0);
        DockerCli.Result r = docker.run("exec", "jctc1_client_1", "sh", "-c",
                "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://api/ && exit 0; sleep 0.2; done; exit 1");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("from-api\n", r.stdout());
        compose("down");
        assertEquals("", docker.run("ps", "-aq").stdout());
        assertEquals("", docker.run("network", "ls", "-q", "--filter", "name=jctc1").stdout());
        assertEquals(List.of(), DockerCliNetworkTest.onlyTheDefaultBridge(
                dev.jcompose.runtime.network.ResidueScan.daemonTestResidue()));
    }
}

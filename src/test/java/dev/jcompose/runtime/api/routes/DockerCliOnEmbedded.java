package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the real-docker-CLI suites: a fresh embedded daemon per test and the CLI pointed at it. Closing
 * the daemon fails the test on any residue it finds (links, namespaces, rules, mounts).
 */
abstract class DockerCliOnEmbedded {
    EmbeddedDaemon daemon;
    DockerCli docker;

    /** The daemon a test class runs against; a class overrides this for another configuration. */
    EmbeddedDaemon newDaemon() throws java.io.IOException {
        return new EmbeddedDaemon();
    }

    @BeforeEach
    final void startDaemon() throws Exception {
        Path binary = DockerCli.find();
        assumeTrue(binary != null, "needs the docker CLI");
        daemon = newDaemon().start();
        docker = new DockerCli(binary, daemon.uri());
    }

    @AfterEach
    final void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** Runs the CLI and fails the test unless it exits 0. */
    DockerCli.Result ok(String... args) throws Exception {
        DockerCli.Result r = docker.run(args);
        assertEquals(0, r.exitCode(), "docker " + String.join(" ", args) + ": " + r);
        return r;
    }
}

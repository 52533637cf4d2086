package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.docker.EngineHosts.Candidate;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class EngineHostsTest {
    @Test
    void dockerHostComesBeforeTheDefaultSocket() {
        assertEquals(List.of(new Candidate(URI.create("tcp://10.0.0.1:2375"), "DOCKER_HOST"),
                new Candidate(EngineHosts.DEFAULT_SOCKET, "default socket")),
                EngineHosts.candidates(Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375")));
        assertEquals(List.of(new Candidate(EngineHosts.DEFAULT_SOCKET, "default socket")),
                EngineHosts.candidates(Map.of()));
        assertEquals(List.of(new Candidate(EngineHosts.DEFAULT_SOCKET, "DOCKER_HOST")),
                EngineHosts.candidates(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock")), "no duplicate");
    }

    @Test
    void missingSocketsAndUnsupportedSchemesAreUnreachable() {
        var missing = EngineHosts.probe(new Candidate(URI.create("unix:///nonexistent/jct.sock"), "test"), Map.of());
        assertFalse(missing.reachable());
        assertEquals("no socket at /nonexistent/jct.sock", missing.detail());
        var ssh = EngineHosts.probe(new Candidate(URI.create("ssh://me@host"), "test"), Map.of());
        assertFalse(ssh.reachable());
        assertTrue(ssh.detail().startsWith("unsupported engine host scheme"), ssh.detail());
    }

    @Test
    void aClosedTcpPortIsUnreachable() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var closed = EngineHosts.probe(new Candidate(URI.create("tcp://127.0.0.1:" + port), "test"), Map.of());
        assertFalse(closed.reachable());
        assertTrue(closed.detail().contains("Cannot connect to the Docker daemon"), closed.detail());
    }

    @Test
    @Tag("docker")
    void fallsBackToTheDefaultSocketWhenDockerHostIsDown() {
        Map<String, String> env = Map.of("DOCKER_HOST", "unix:///nonexistent/jct.sock");
        assertEquals(EngineHosts.DEFAULT_SOCKET, EngineHosts.discover(env).orElseThrow());
        var probes = EngineHosts.probeAll(env);
        assertFalse(probes.get(0).reachable());
        assertTrue(probes.get(1).reachable());
        assertFalse(probes.get(1).detail().isEmpty(), "the server version");
    }
}

package dev.jcompose.engine.docker;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Docker-API engine may listen, in the order compose's `--engine auto` tries them: DOCKER_HOST, then
 * the default socket. A candidate is reachable when /_ping answers; `auto` picks the first reachable one and
 * falls back to the embedded engine when there is none.
 */
public final class EngineHosts {
    public static final URI DEFAULT_SOCKET = URI.create("unix:///var/run/docker.sock");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private EngineHosts() {
    }

    /** source says where the host came from ("DOCKER_HOST" or "default socket"). */
    public record Candidate(URI host, String source) {
    }

    /** detail is the server version when reachable, else why not. */
    public record Probe(Candidate candidate, boolean reachable, String detail) {
    }

    public static List<Candidate> candidates(Map<String, String> env) {
        List<Candidate> out = new ArrayList<>();
        String dockerHost = env.getOrDefault("DOCKER_HOST", "").trim();
        if (!dockerHost.isEmpty()) {
            out.add(new Candidate(URI.create(dockerHost), "DOCKER_HOST"));
        }
        if (out.stream().noneMatch(c -> c.host().equals(DEFAULT_SOCKET))) {
            out.add(new Candidate(DEFAULT_SOCKET, "default socket"));
        }
        return out;
    }

    /** Probes every candidate, in order. */
    public static List<Probe> probeAll(Map<String, String> env) {
        return candidates(env).stream().map(c -> probe(c, env)).toList();
    }

    /** The first reachable engine host, if any (a /_ping that answers; no version asked). */
    public static Optional<URI> discover(Map<String, String> env) {
        for (Candidate candidate : candidates(env)) {
            if (answersPing(candidate, env)) {
                return Optional.of(candidate.host());
            }
        }
        return Optional.empty();
    }

    private static boolean answersPing(Candidate candidate, Map<String, String> env) {
        URI host = candidate.host();
        if ("unix".equals(host.getScheme())) {
            Path socket = Path.of(host.getPath());
            return Files.exists(socket) && SocketPing.ok(socket, PROBE_TIMEOUT);
        }
        return probe(candidate, env).reachable();
    }

    public static Probe probe(Candidate candidate, Map<String, String> env) {
        URI host = candidate.host();
        String scheme = host.getScheme() == null ? "" : host.getScheme();
        if (!scheme.equals("unix") && !scheme.equals("tcp")) {
            return new Probe(candidate, false, "unsupported engine host scheme: " + host);
        }
        // A missing socket file is the common case on machines without Docker; answer without a client.
        if (scheme.equals("unix") && !Files.exists(Path.of(host.getPath()))) {
            return new Probe(candidate, false, "no socket at " + host.getPath());
        }
        try (DockerEngine engine = new DockerEngine(
                new DockerEngine.Options(host, 1, PROBE_TIMEOUT, PROBE_TIMEOUT, env))) {
            engine.ping();
            return new Probe(candidate, true, engine.info().serverVersion());
        } catch (RuntimeException e) {
            return new Probe(candidate, false, e.getMessage());
        }
    }
}

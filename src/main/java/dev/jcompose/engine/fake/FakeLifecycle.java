package dev.jcompose.engine.fake;

import dev.jcompose.engine.ContainerSpec.RestartPolicy;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.PublishedPort;
import dev.jcompose.engine.Signals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process model: start, exit, restart policy, health. Events follow dockerd's order (start: network
 * connect, start; stop: kill, die, network disconnect, stop). Runs under the store lock.
 */
final class FakeLifecycle {
    private static final List<HealthStatus> DEFAULT_HEALTH = List.of(HealthStatus.STARTING, HealthStatus.HEALTHY);
    private static final int FIRST_EPHEMERAL_PORT = 49153;

    private final FakeStore store;
    private final FakeNetworks networks;
    /** Removes a container created with autoRemove once it exits (set by FakeContainers, which owns removal). */
    java.util.function.Consumer<FakeContainer> autoRemover = c -> { };

    FakeLifecycle(FakeStore store, FakeNetworks networks) {
        this.store = store;
        this.networks = networks;
    }

    void start(FakeContainer c) {
        List<PublishedPort> ports = publish(c);
        networks.assignAll(c);
        c.published.clear();
        c.published.addAll(ports);
        c.state = ContainerState.RUNNING;
        c.pid = 10_000 + store.nextNumber();
        c.startedAt = store.now();
        c.stoppedByUser = false;
        c.healthStep = 0;
        c.health = c.hasHealthcheck() ? HealthStatus.STARTING : HealthStatus.NONE;
        store.publish("container", "start", c.id, attributes(c, Map.of()));
        for (FakeProcess.Output line : c.process.output()) {
            c.log.add(new LogFrame(line.stream(), store.now(), line.text()));
        }
        if (c.process.exitOnStart() != null) {
            exited(c, c.process.exitOnStart(), false);
        }
    }

    /** The stop signal arrives: the process exits with its stop code, unless it ignores the signal. */
    void stop(FakeContainer c) {
        int signal = stopSignal(c);
        c.stoppedByUser = true;
        store.publish("container", "kill", c.id, attributes(c, Map.of("signal", Integer.toString(signal))));
        if (c.process.ignoresStopSignal()) {
            store.publish("container", "kill", c.id, attributes(c, Map.of("signal", "9")));
            exited(c, Signals.exitCodeOf(Signals.SIGKILL), true);
        } else {
            exited(c, c.process.exitOnStop(), true);
        }
        store.publish("container", "stop", c.id, attributes(c, Map.of()));
    }

    void kill(FakeContainer c, int signal) {
        store.publish("container", "kill", c.id, attributes(c, Map.of("signal", Integer.toString(signal))));
        if (signal == Signals.SIGKILL) {
            exited(c, Signals.exitCodeOf(signal), true);
        } else if (signal == stopSignal(c)) {
            if (!c.process.ignoresStopSignal()) {
                exited(c, c.process.exitOnStop(), true);
            }
        } else {
            exited(c, Signals.exitCodeOf(signal), true);
        }
    }

    /** The process ended; a self-inflicted end may trigger the restart policy. */
    void exited(FakeContainer c, int code, boolean byUser) {
        c.state = ContainerState.EXITED;
        c.exitCode = code;
        c.pid = 0;
        c.finishedAt = store.now();
        c.stoppedByUser |= byUser;
        store.publish("container", "die", c.id, attributes(c, Map.of("exitCode", Integer.toString(code))));
        networks.releaseAll(c);
        c.published.clear();
        if (c.spec.autoRemove()) {
            autoRemover.accept(c);
            return;
        }
        if (!byUser && restarts(c)) {
            c.restartCount++;
            if (c.process.exitOnStart() != null && unbounded(c.spec.restartPolicy())) {
                // A one-shot under "always" would loop forever; park it where `docker ps` shows a crash loop.
                c.state = ContainerState.RESTARTING;
                return;
            }
            start(c);
        }
    }

    private boolean restarts(FakeContainer c) {
        RestartPolicy policy = c.spec.restartPolicy();
        if (policy == null) {
            return false;
        }
        return switch (policy.name()) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> c.exitCode != 0 && (policy.maxRetries() == 0 || c.restartCount < policy.maxRetries());
            default -> false;
        };
    }

    private static boolean unbounded(RestartPolicy policy) {
        return !policy.name().equals("on-failure") || policy.maxRetries() == 0;
    }

    /** The status the next inspect reports, walking the scripted health sequence. */
    void advanceHealth(FakeContainer c) {
        if (c.state != ContainerState.RUNNING || !c.hasHealthcheck()) {
            return;
        }
        List<HealthStatus> sequence = c.process.health().isEmpty() ? DEFAULT_HEALTH : c.process.health();
        setHealth(c, sequence.get(Math.min(c.healthStep, sequence.size() - 1)));
        c.healthStep++;
    }

    void setHealth(FakeContainer c, HealthStatus status) {
        if (status != c.health) {
            c.health = status;
            store.publish("container", "health_status: " + status.wireName(), c.id, attributes(c, Map.of()));
        }
    }

    int stopSignal(FakeContainer c) {
        String name = c.spec.stopSignal() != null && !c.spec.stopSignal().isEmpty() ? c.spec.stopSignal()
                : !c.image.config().stopSignal().isEmpty() ? c.image.config().stopSignal() : "SIGTERM";
        return Signals.number(name);
    }

    /** Host ports for the bindings: a taken port conflicts, an empty one gets the next free ephemeral port. */
    private List<PublishedPort> publish(FakeContainer c) {
        List<PublishedPort> taken = new ArrayList<>();
        store.containers.values().stream().filter(o -> o != c && o.running()).forEach(o -> taken.addAll(o.published));
        List<PublishedPort> out = new ArrayList<>();
        for (var binding : c.spec.portBindings()) {
            int hostPort;
            if (binding.hostPort().isEmpty()) {
                hostPort = FIRST_EPHEMERAL_PORT;
                while (inUse(taken, out, hostPort, binding.protocol())) {
                    hostPort++;
                }
            } else {
                hostPort = Integer.parseInt(binding.hostPort().split("-")[0]);
                if (inUse(taken, out, hostPort, binding.protocol())) {
                    String ip = binding.hostIp().isEmpty() ? "0.0.0.0" : binding.hostIp();
                    throw EngineErrors.conflict("driver failed programming external connectivity on endpoint "
                            + c.name + ": Bind for " + ip + ":" + hostPort + " failed: port is already allocated");
                }
            }
            String hostIp = binding.hostIp().isEmpty() ? "0.0.0.0" : binding.hostIp();
            out.add(new PublishedPort(hostIp, hostPort, binding.containerPort(), binding.protocol()));
        }
        return out;
    }

    private static boolean inUse(List<PublishedPort> taken, List<PublishedPort> mine, int port, String protocol) {
        return taken.stream().anyMatch(p -> p.hostPort() == port && p.protocol().equals(protocol))
                || mine.stream().anyMatch(p -> p.hostPort() == port && p.protocol().equals(protocol));
    }

    /** Container event attributes as dockerd sets them: every label, then name and image. */
    static Map<String, String> attributes(FakeContainer c, Map<String, String> extra) {
        Map<String, String> out = new LinkedHashMap<>(c.image.config().labels());
        out.putAll(c.spec.labels());
        out.put("name", c.name);
        out.put("image", c.spec.image());
        out.putAll(extra);
        return out;
    }
}

package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.container.ContainerRuntime;
import dev.jcompose.runtime.container.Supervisor;
import dev.jcompose.runtime.image.ImageStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What the parts of the container engine share: stores, the runtime, networking, events, waiters, and one lock
 * per container that serialises its lifecycle steps (start, stop, exit handling, removal).
 */
final class EngineContext {
    final EngineOptions options;
    final Clock clock;
    final ContainerStore store;
    final VolumeStore volumes;
    final ImageStore images;
    final Rootfs rootfs;
    final ContainerRuntime runtime;
    final NetworkAttacher network;
    final EtcFiles etcFiles;
    final EventBus events;
    final Waiters waiters = new Waiters();
    final Map<String, NetworkSetup> setups = new ConcurrentHashMap<>();
    /** Incremented at every start: attach streams end at the exit of a run that began after they did. */
    final Map<String, AtomicLong> runEpochs = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    HealthMonitor health;
    Supervisor supervisor;

    EngineContext(EngineOptions options, ContainerStore store, VolumeStore volumes, ImageStore images, Rootfs rootfs,
            ContainerRuntime runtime, EventBus events) {
        this.options = options;
        this.clock = options.clock();
        this.store = store;
        this.volumes = volumes;
        this.images = images;
        this.rootfs = rootfs;
        this.runtime = runtime;
        this.network = options.network();
        this.etcFiles = new EtcFiles(options.hostResolvConf());
        this.events = events;
    }

    /** Runs {@code action} holding the container's lock. */
    <T> T locked(String id, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(String id, Runnable action) {
        locked(id, () -> {
            action.run();
            return null;
        });
    }

    void forgetLock(String id) {
        locks.remove(id);
    }

    long epoch(String id) {
        return runEpochs.computeIfAbsent(id, k -> new AtomicLong()).get();
    }

    Path logFile(String id) {
        return logDir(id).resolve("container.log");
    }

    Path logDir(String id) {
        return store.dirOf(id).resolve("logs");
    }

    /** Docker's container event: labels, image and name as attributes, plus the given extras. */
    void containerEvent(ContainerRecord r, String action, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(r.labels());
        attributes.put("image", r.imageName());
        attributes.put("name", r.name());
        attributes.putAll(extra);
        events.publish("container", action, r.id(), attributes, r.imageName());
    }

    void containerEvent(ContainerRecord r, String action) {
        containerEvent(r, action, Map.of());
    }

    void volumeEvent(String name, String action, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(Map.of("driver", VolumeStore.LOCAL));
        attributes.putAll(extra);
        events.publish("volume", action, name, attributes, null);
    }

    /** The networking request of a container, from its HostConfig, NetworkingConfig and Config. */
    static NetworkRequest networkRequest(ContainerRecord r) {
        JsonNode host = r.hostConfig();
        Map<String, NetworkRequest.Endpoint> endpoints = new LinkedHashMap<>();
        r.networkingConfig().path("EndpointsConfig").properties().forEach(e -> {
            JsonNode ep = e.getValue();
            JsonNode ipam = ep.path("IPAMConfig");
            endpoints.put(e.getKey(), new NetworkRequest.Endpoint(DockerJson.stringsOrEmpty(ep, "Aliases"),
                    DockerJson.text(ipam, "IPv4Address"), DockerJson.text(ipam, "IPv6Address")));
        });
        Map<String, List<NetworkRequest.HostBinding>> ports = new LinkedHashMap<>();
        host.path("PortBindings").properties().forEach(e -> {
            List<NetworkRequest.HostBinding> list = new ArrayList<>();
            e.getValue().forEach(b -> list.add(new NetworkRequest.HostBinding(DockerJson.text(b, "HostIp", ""),
                    DockerJson.text(b, "HostPort", ""))));
            ports.put(e.getKey(), list);
        });
        List<String> exposed = new ArrayList<>();
        r.config().path("ExposedPorts").fieldNames().forEachRemaining(exposed::add);
        return new NetworkRequest(r.name(), DockerJson.text(r.config(), "Hostname", r.shortId()),
                DockerJson.text(r.config(), "Domainname", ""), DockerJson.text(host, "NetworkMode", "default"),
                endpoints, ports, DockerJson.bool(host, "PublishAllPorts"), exposed,
                DockerJson.stringsOrEmpty(host, "Dns"), DockerJson.stringsOrEmpty(host, "DnsSearch"),
                DockerJson.stringsOrEmpty(host, "DnsOptions"), DockerJson.stringsOrEmpty(host, "ExtraHosts"));
    }
}

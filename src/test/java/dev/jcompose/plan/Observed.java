package dev.jcompose.plan;

import dev.jcompose.model.Mount;
import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.Volume;
import dev.jcompose.state.ContainerState;
import dev.jcompose.state.DesiredLabels;
import dev.jcompose.state.Hasher;
import dev.jcompose.state.Labels;
import dev.jcompose.state.ObservedContainer;
import dev.jcompose.state.ObservedMount;
import dev.jcompose.state.ObservedNetwork;
import dev.jcompose.state.ObservedProject;
import dev.jcompose.state.ObservedVolume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Hand-written observed state for golden plan tests. By default a container is what the executor would have
 * created for the desired project: running, labels from DesiredLabels with the test hash, attached to its
 * service's networks, mounting its named volumes. Tests then change what they want to diverge.
 */
final class Observed {
    /** Readable, predictable hashes: a container diverges when a test says so, not when hashing changes. */
    static final Hasher HASHER = new Hasher() {
        @Override
        public String service(Service s) {
            return "h-" + s.name() + ":" + s.image();
        }

        @Override
        public String network(Network n) {
            return "nh-" + n.key() + ":" + n.driver();
        }

        @Override
        public String volume(Volume v) {
            return "vh-" + v.key() + ":" + v.driver();
        }
    };

    private final Project project;
    private final List<ObservedContainer> containers = new ArrayList<>();
    private final List<ObservedNetwork> networks = new ArrayList<>();
    private final List<ObservedVolume> volumes = new ArrayList<>();
    private final List<ObservedContainer> foreign = new ArrayList<>();

    private Observed(Project project) {
        this.project = project;
    }

    static Observed of(Project project) {
        return new Observed(project);
    }

    /** The project's network exists as compose created it. */
    Observed network(String key) {
        Network n = project.networks().get(key);
        return network(key, n.name(), HASHER.network(n));
    }

    Observed network(String key, String name, String hash) {
        networks.add(new ObservedNetwork("net-" + key, name,
                new TreeMap<>(DesiredLabels.forNetwork(project, key, hash))));
        return this;
    }

    /** A network nobody labelled (created by hand, or external). */
    Observed plainNetwork(String name, Map<String, String> labels) {
        networks.add(new ObservedNetwork("net-" + name, name, labels));
        return this;
    }

    Observed volume(String key) {
        Volume v = project.volumes().get(key);
        return volume(key, v.name(), HASHER.volume(v));
    }

    Observed volume(String key, String name, String hash) {
        volumes.add(new ObservedVolume(name, "local", DesiredLabels.forVolume(project, key, hash)));
        return this;
    }

    Observed plainVolume(String name, Map<String, String> labels) {
        volumes.add(new ObservedVolume(name, "local", labels));
        return this;
    }

    /** Every declared network and volume exists as compose created it. */
    Observed infra() {
        project.networks().values().stream().filter(n -> !n.external()).forEach(n -> network(n.key()));
        project.volumes().values().stream().filter(v -> !v.external()).forEach(v -> volume(v.key()));
        return this;
    }

    Observed running(String service, int number) {
        return container(service, number, c -> { });
    }

    Observed container(String service, int number, Consumer<Ctr> tweak) {
        Ctr c = new Ctr(project, project.services().containsKey(service) ? project.services().get(service)
                : project.disabledServices().get(service), service, number);
        tweak.accept(c);
        containers.add(c.build());
        return this;
    }

    /** A container of a service the project no longer has. */
    Observed orphan(String service, int number, ContainerState state) {
        Ctr c = new Ctr(project, null, service, number);
        c.state = state;
        containers.add(c.build());
        return this;
    }

    Observed oneOff(String service, String slug, ContainerState state) {
        Ctr c = new Ctr(project, project.services().get(service), service, 0);
        c.labels.put(Labels.ONEOFF, Labels.TRUE);
        c.labels.remove(Labels.CONTAINER_NUMBER);
        c.name = project.name() + "-" + service + "-run-" + slug;
        c.id = "run-" + slug;
        c.state = state;
        containers.add(c.build());
        return this;
    }

    Observed foreign(String name, String otherProject) {
        Map<String, String> labels = otherProject == null ? Map.of() : Map.of(Labels.PROJECT, otherProject);
        foreign.add(new ObservedContainer("f00d" + name, name, labels, ContainerState.RUNNING, 0, null, Map.of(),
                List.of(), Instant.EPOCH));
        return this;
    }

    ObservedProject build() {
        return new ObservedProject(project.name(), containers, networks, volumes, foreign);
    }

    /** One observed container under construction. */
    static final class Ctr {
        String id;
        String name;
        ContainerState state = ContainerState.RUNNING;
        int exitCode;
        final Map<String, String> labels = new TreeMap<>();
        final Map<String, String> networks = new TreeMap<>();
        final List<ObservedMount> mounts = new ArrayList<>();
        Instant created = Instant.parse("2026-01-01T00:00:00Z");

        Ctr(Project project, Service service, String serviceName, int number) {
            id = "id-" + serviceName + "-" + number;
            if (service == null) {
                name = project.name() + "-" + serviceName + "-" + number;
                labels.put(Labels.PROJECT, project.name());
                labels.put(Labels.SERVICE, serviceName);
                labels.put(Labels.CONTAINER_NUMBER, Integer.toString(number));
                labels.put(Labels.ONEOFF, Labels.FALSE);
                return;
            }
            name = service.containerName(project.name(), number);
            labels.putAll(DesiredLabels.forContainer(project, service, number, HASHER.service(service), null));
            if (service.networkMode() == null) {
                service.networks().keySet().forEach(k -> networks.put(project.networks().get(k).name(), "net-" + k));
            }
            for (Mount m : service.volumes()) {
                if ("volume".equals(m.type())) {
                    String vol = m.isAnonymousVolume() ? "anon-" + serviceName + "-" + number
                            : project.volumes().get(m.source()).name();
                    mounts.add(ObservedMount.volume(vol, m.target()));
                }
            }
        }

        Ctr id(String v) {
            id = v;
            return this;
        }

        Ctr name(String v) {
            name = v;
            return this;
        }

        Ctr hash(String v) {
            labels.put(Labels.CONFIG_HASH, v);
            return this;
        }

        Ctr digest(String v) {
            labels.put(Labels.IMAGE, v);
            return this;
        }

        Ctr state(ContainerState v) {
            state = v;
            return this;
        }

        Ctr exited(int code) {
            state = ContainerState.EXITED;
            exitCode = code;
            return this;
        }

        Ctr created(String instant) {
            created = Instant.parse(instant);
            return this;
        }

        Ctr detachedFrom(String networkName) {
            networks.remove(networkName);
            return this;
        }

        Ctr noMounts() {
            mounts.clear();
            return this;
        }

        ObservedContainer build() {
            return new ObservedContainer(id, name, labels, state, exitCode, null, networks, mounts, created);
        }
    }
}

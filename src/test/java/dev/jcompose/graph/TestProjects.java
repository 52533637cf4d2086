package dev.jcompose.graph;

import dev.jcompose.model.DependsOn;
import dev.jcompose.model.FileObject;
import dev.jcompose.model.FileReference;
import dev.jcompose.model.Mount;
import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.ServiceNetwork;
import dev.jcompose.model.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-built projects for graph and planner tests, shaped like the loader's normalised output: services attach to
 * the {@code default} network unless they set networks or network_mode, and that network is declared as
 * {@code <project>_default}.
 */
public final class TestProjects {
    private TestProjects() {
    }

    public static ProjectBuilder project(String name) {
        return new ProjectBuilder(name);
    }

    public static ServiceBuilder service(String name) {
        return new ServiceBuilder(name);
    }

    /** Project under construction. */
    public static final class ProjectBuilder {
        private final String name;
        private final Map<String, Service> services = new TreeMap<>();
        private final Map<String, Service> disabled = new TreeMap<>();
        private final Map<String, Network> networks = new TreeMap<>();
        private final Map<String, Volume> volumes = new TreeMap<>();
        private final Map<String, FileObject> secrets = new TreeMap<>();
        private final Map<String, FileObject> configs = new TreeMap<>();

        ProjectBuilder(String name) {
            this.name = name;
        }

        public ProjectBuilder service(ServiceBuilder s) {
            services.put(s.name, s.build());
            return this;
        }

        public ProjectBuilder disabled(ServiceBuilder s) {
            disabled.put(s.name, s.build());
            return this;
        }

        public ProjectBuilder network(String key) {
            return network(new Network(key, name + "_" + key, null, null, null, null, false, false, null, false,
                    null));
        }

        public ProjectBuilder network(Network n) {
            networks.put(n.key(), n);
            return this;
        }

        public ProjectBuilder externalNetwork(String key, String engineName) {
            return network(new Network(key, engineName, null, null, null, null, false, false, null, true, null));
        }

        public ProjectBuilder volume(String key) {
            return volume(new Volume(key, name + "_" + key, null, null, false, null));
        }

        public ProjectBuilder volume(Volume v) {
            volumes.put(v.key(), v);
            return this;
        }

        public ProjectBuilder externalVolume(String key, String engineName) {
            return volume(new Volume(key, engineName, null, null, true, null));
        }

        public ProjectBuilder secret(String key) {
            secrets.put(key, new FileObject(key, name + "_" + key, "/run/" + key, null, null, false, null));
            return this;
        }

        public ProjectBuilder config(String key) {
            configs.put(key, new FileObject(key, name + "_" + key, "/etc/" + key, null, null, false, null));
            return this;
        }

        public Project build() {
            boolean usesDefault = services.values().stream().anyMatch(s -> s.networks().containsKey("default"));
            if (usesDefault && !networks.containsKey("default")) {
                network("default");
            }
            return new Project(name, Path.of("/work/" + name), List.of(Path.of("/work/" + name + "/compose.yaml")),
                    new TreeMap<>(services), new TreeMap<>(disabled), new TreeMap<>(networks), new TreeMap<>(volumes),
                    new TreeMap<>(secrets), new TreeMap<>(configs), Map.of(), Map.of());
        }
    }

    /** Service under construction; unset fields get the loader's defaults. */
    public static final class ServiceBuilder {
        private final String name;
        private String image;
        private final Map<String, DependsOn> dependsOn = new LinkedHashMap<>();
        private final List<String> links = new ArrayList<>();
        private final List<String> volumesFrom = new ArrayList<>();
        private Map<String, ServiceNetwork> networks;
        private final List<Mount> mounts = new ArrayList<>();
        private final List<FileReference> secrets = new ArrayList<>();
        private final List<FileReference> configs = new ArrayList<>();
        private String networkMode;
        private String ipc;
        private String pid;
        private String containerName;
        private int scale = 1;
        private List<String> profiles = List.of();

        ServiceBuilder(String name) {
            this.name = name;
            this.image = name + ":latest";
        }

        public ServiceBuilder image(String ref) {
            this.image = ref;
            return this;
        }

        public ServiceBuilder dependsOn(String... services) {
            for (String s : services) {
                dependsOn.put(s, new DependsOn(DependsOn.STARTED, false, true));
            }
            return this;
        }

        public ServiceBuilder dependsOn(String service, String condition, boolean restart, boolean required) {
            dependsOn.put(service, new DependsOn(condition, restart, required));
            return this;
        }

        public ServiceBuilder links(String... l) {
            links.addAll(List.of(l));
            return this;
        }

        public ServiceBuilder volumesFrom(String... v) {
            volumesFrom.addAll(List.of(v));
            return this;
        }

        public ServiceBuilder networks(String... keys) {
            networks = new LinkedHashMap<>();
            for (String k : keys) {
                networks.put(k, ServiceNetwork.DEFAULT);
            }
            return this;
        }

        public ServiceBuilder networkMode(String mode) {
            this.networkMode = mode;
            return this;
        }

        public ServiceBuilder ipc(String mode) {
            this.ipc = mode;
            return this;
        }

        public ServiceBuilder pid(String mode) {
            this.pid = mode;
            return this;
        }

        /** A named volume: {@code source} is the project volume key. */
        public ServiceBuilder volume(String source, String target) {
            mounts.add(new Mount("volume", source, target, false, null, null, null, null, null, null, null, null));
            return this;
        }

        public ServiceBuilder anonymousVolume(String target) {
            mounts.add(new Mount("volume", null, target, false, null, null, null, null, null, null, null, null));
            return this;
        }

        public ServiceBuilder bind(String source, String target) {
            mounts.add(new Mount("bind", source, target, false, null, null, null, null, null, null, null, null));
            return this;
        }

        public ServiceBuilder secret(String key) {
            secrets.add(new FileReference(key, null, null, null, null));
            return this;
        }

        public ServiceBuilder config(String key) {
            configs.add(new FileReference(key, null, null, null, null));
            return this;
        }

        public ServiceBuilder containerName(String n) {
            this.containerName = n;
            return this;
        }

        public ServiceBuilder scale(int n) {
            this.scale = n;
            return this;
        }

        public ServiceBuilder profiles(String... p) {
            this.profiles = List.of(p);
            return this;
        }

        public Service build() {
            Map<String, ServiceNetwork> nets = networks;
            if (nets == null) {
                nets = networkMode == null ? Map.of("default", ServiceNetwork.DEFAULT) : Map.of();
            }
            return new Service(name, image, null, null, null, null, null, Map.of(), Map.of(), Map.of(), List.of(),
                    List.of(), mounts, volumesFrom, nets, networkMode, dependsOn, links, null, null, containerName,
                    null, null, null, null, false, false, null, false, false, List.of(), List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(),
                    null, null, null, scale, profiles, null, secrets, configs, ipc, pid, null, Map.of());
        }
    }
}

package dev.jcompose.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A loaded, interpolated, merged, validated and normalised compose project. Immutable: {@code with*} methods
 * return copies. {@code definition} is the canonical tree ({@code config} output) the typed fields were bound
 * from; services disabled by profiles are kept apart in {@code disabledServices}.
 */
public record Project(
        String name,
        Path workingDir,
        List<Path> configFiles,
        SortedMap<String, Service> services,
        SortedMap<String, Service> disabledServices,
        SortedMap<String, Network> networks,
        SortedMap<String, Volume> volumes,
        SortedMap<String, FileObject> secrets,
        SortedMap<String, FileObject> configs,
        Map<String, String> environment,
        Map<String, Object> definition) {

    public Project {
        configFiles = List.copyOf(configFiles);
        services = frozen(services);
        disabledServices = frozen(disabledServices);
        networks = frozen(networks);
        volumes = frozen(volumes);
        secrets = frozen(secrets);
        configs = frozen(configs);
        environment = Map.copyOf(environment);
        definition = Map.copyOf(definition);
    }

    private static <V> SortedMap<String, V> frozen(Map<String, V> m) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    public Service service(String name) {
        return services.get(name);
    }

    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    public Project withServices(Map<String, Service> newServices) {
        return new Project(name, workingDir, configFiles, new TreeMap<>(newServices), disabledServices, networks,
                volumes, secrets, configs, environment, definition);
    }
}

package dev.jcompose.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service, normalised: long syntax everywhere, environment resolved (env_file applied, unset keys dropped),
 * paths absolute. Nullable fields mean "not set; engine or image default applies". {@code definition} is this
 * service's canonical tree, used for {@code config} output and the config hash.
 */
public record Service(
        String name,
        String image,
        Build build,
        String pullPolicy,
        String platform,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<PortSpec> ports,
        List<String> expose,
        List<Mount> volumes,
        List<String> volumesFrom,
        Map<String, ServiceNetwork> networks,
        String networkMode,
        Map<String, DependsOn> dependsOn,
        List<String> links,
        Healthcheck healthcheck,
        String restart,
        String containerName,
        String hostname,
        String domainname,
        String user,
        String workingDir,
        boolean privileged,
        boolean readOnly,
        Boolean init,
        boolean tty,
        boolean stdinOpen,
        List<String> capAdd,
        List<String> capDrop,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOpt,
        List<String> extraHosts,
        List<String> securityOpt,
        List<String> groupAdd,
        List<String> tmpfs,
        List<String> devices,
        Map<String, String> sysctls,
        Map<String, Ulimit> ulimits,
        String stopSignal,
        Duration stopGracePeriod,
        Resources resources,
        int scale,
        List<String> profiles,
        Logging logging,
        List<FileReference> secrets,
        List<FileReference> configs,
        String ipc,
        String pid,
        String macAddress,
        Map<String, Object> definition) {

    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    public Service {
        command = command == null ? null : List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        environment = copy(environment);
        labels = copy(labels);
        annotations = copy(annotations);
        ports = copy(ports);
        expose = copy(expose);
        volumes = copy(volumes);
        volumesFrom = copy(volumesFrom);
        networks = copy(networks);
        dependsOn = copy(dependsOn);
        links = copy(links);
        capAdd = copy(capAdd);
        capDrop = copy(capDrop);
        dns = copy(dns);
        dnsSearch = copy(dnsSearch);
        dnsOpt = copy(dnsOpt);
        extraHosts = copy(extraHosts);
        securityOpt = copy(securityOpt);
        groupAdd = copy(groupAdd);
        tmpfs = copy(tmpfs);
        devices = copy(devices);
        sysctls = copy(sysctls);
        ulimits = copy(ulimits);
        profiles = copy(profiles);
        secrets = copy(secrets);
        configs = copy(configs);
        definition = definition == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(definition));
        resources = resources == null ? Resources.NONE : resources;
        if (scale < 0) {
            throw new IllegalArgumentException("scale must be >= 0");
        }
    }

    private static <T> List<T> copy(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    private static <K, V> Map<K, V> copy(Map<K, V> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }

    public Duration stopGracePeriodOrDefault() {
        return stopGracePeriod == null ? DEFAULT_STOP_GRACE : stopGracePeriod;
    }

    /** The container's name when scale is 1 and container_name is not set: {@code project-service-N}. */
    public String containerName(String project, int number) {
        return containerName != null ? containerName : project + "-" + name + "-" + number;
    }

    public Service withScale(int newScale) {
        return new Service(name, image, build, pullPolicy, platform, command, entrypoint, environment, labels,
                annotations, ports, expose, volumes, volumesFrom, networks, networkMode, dependsOn, links, healthcheck,
                restart, containerName, hostname, domainname, user, workingDir, privileged, readOnly, init, tty,
                stdinOpen, capAdd, capDrop, dns, dnsSearch, dnsOpt, extraHosts, securityOpt, groupAdd, tmpfs, devices,
                sysctls, ulimits, stopSignal, stopGracePeriod, resources, newScale, profiles, logging, secrets,
                configs, ipc, pid, macAddress, definition);
    }

    public Service withImage(String newImage) {
        return new Service(name, newImage, build, pullPolicy, platform, command, entrypoint, environment, labels,
                annotations, ports, expose, volumes, volumesFrom, networks, networkMode, dependsOn, links, healthcheck,
                restart, containerName, hostname, domainname, user, workingDir, privileged, readOnly, init, tty,
                stdinOpen, capAdd, capDrop, dns, dnsSearch, dnsOpt, extraHosts, securityOpt, groupAdd, tmpfs, devices,
                sysctls, ulimits, stopSignal, stopGracePeriod, resources, scale, profiles, logging, secrets,
                configs, ipc, pid, macAddress, definition);
    }
}

package dev.jcompose.state;

import dev.jcompose.model.Project;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the engine holds for one project: every container, network and volume carrying the project label, plus the
 * few unlabeled resources the observer looked up by name because the project refers to them (external networks and
 * volumes, a pre-existing network of the same name) and {@code foreignContainers}: containers of other projects (or
 * of none) whose names the project wants to use, so a container_name conflict is reported before anything runs.
 */
public record ObservedProject(
        String name,
        List<ObservedContainer> containers,
        List<ObservedNetwork> networks,
        List<ObservedVolume> volumes,
        List<ObservedContainer> foreignContainers) {

    /** Replicas first by number then by creation time: the order every consumer relies on for determinism. */
    public static final Comparator<ObservedContainer> BY_NUMBER = Comparator
            .comparingInt(ObservedContainer::number)
            .thenComparing(ObservedContainer::created)
            .thenComparing(ObservedContainer::id);

    public ObservedProject {
        Objects.requireNonNull(name, "name");
        containers = containers == null ? List.of() : containers.stream().sorted(
                Comparator.comparing((ObservedContainer c) -> String.valueOf(c.service()))
                        .thenComparing(ObservedContainer::oneOff).thenComparing(BY_NUMBER)
                        .thenComparing(c -> String.valueOf(c.name()))).toList();
        networks = networks == null ? List.of() : List.copyOf(networks);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        foreignContainers = foreignContainers == null ? List.of() : List.copyOf(foreignContainers);
    }

    public static ObservedProject empty(String name) {
        return new ObservedProject(name, List.of(), List.of(), List.of(), List.of());
    }

    /** The service's replica containers (one-off containers excluded), by number. */
    public List<ObservedContainer> serviceContainers(String service) {
        return containers.stream().filter(c -> !c.oneOff() && service.equals(c.service())).toList();
    }

    public List<ObservedContainer> oneOffContainers() {
        return containers.stream().filter(ObservedContainer::oneOff).toList();
    }

    /**
     * Containers left over by a previous model: replicas of services neither enabled nor disabled by profiles, and
     * exited or dead one-off containers (a running `run` container is someone's session, not an orphan).
     */
    public List<ObservedContainer> orphans(Project project) {
        Set<String> known = new TreeSet<>(project.services().keySet());
        known.addAll(project.disabledServices().keySet());
        return containers.stream().filter(c -> c.oneOff()
                ? c.state() == ContainerState.EXITED || c.state() == ContainerState.DEAD
                : !known.contains(c.service())).toList();
    }

    /**
     * The live network backing compose network {@code key}: among networks labelled with this project and key, the
     * one named {@code desiredName} wins, else the smallest name (a leftover after a rename); failing that, an
     * unlabeled network with the desired name (created by hand or by an old compose), which is reused untouched.
     */
    public Optional<ObservedNetwork> network(String key, String desiredName) {
        List<ObservedNetwork> labelled = networks.stream()
                .filter(n -> name.equals(n.project()) && key.equals(n.key()))
                .sorted(Comparator.comparing(ObservedNetwork::name)).toList();
        Optional<ObservedNetwork> exact = labelled.stream().filter(n -> n.name().equals(desiredName)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        if (!labelled.isEmpty()) {
            return Optional.of(labelled.get(0));
        }
        return networkNamed(desiredName);
    }

    public Optional<ObservedNetwork> networkNamed(String networkName) {
        return networks.stream().filter(n -> n.name().equals(networkName) || n.id().equals(networkName))
                .findFirst();
    }

    /** Volume counterpart of {@link #network}. */
    public Optional<ObservedVolume> volume(String key, String desiredName) {
        List<ObservedVolume> labelled = volumes.stream()
                .filter(v -> name.equals(v.project()) && key.equals(v.key()))
                .sorted(Comparator.comparing(ObservedVolume::name)).toList();
        Optional<ObservedVolume> exact = labelled.stream().filter(v -> v.name().equals(desiredName)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        if (!labelled.isEmpty()) {
            return Optional.of(labelled.get(0));
        }
        return volumeNamed(desiredName);
    }

    public Optional<ObservedVolume> volumeNamed(String volumeName) {
        return volumes.stream().filter(v -> v.name().equals(volumeName)).findFirst();
    }

    public Optional<ObservedContainer> foreignContainerNamed(String containerName) {
        return foreignContainers.stream().filter(c -> containerName.equals(c.name())).findFirst();
    }
}

package dev.jcompose.engine.fake;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSpec.MountSpec;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.LabelFilters;
import dev.jcompose.engine.ProcessList;
import dev.jcompose.engine.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** Container create/remove/rename/list/inspect. Runs under the store lock. */
final class FakeContainers {
    private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private final FakeStore store;
    private final FakeImages images;
    private final FakeNetworks networks;
    private final FakeVolumes volumes;
    private final FakeLifecycle lifecycle;
    /** (name, image) → the program the container runs. */
    private final BiFunction<String, String, FakeProcess> programs;

    FakeContainers(FakeStore store, FakeImages images, FakeNetworks networks, FakeVolumes volumes,
            FakeLifecycle lifecycle, BiFunction<String, String, FakeProcess> programs) {
        this.store = store;
        this.images = images;
        this.networks = networks;
        this.volumes = volumes;
        this.lifecycle = lifecycle;
        this.programs = programs;
        lifecycle.autoRemover = c -> remove(c, true, true);
    }

    String create(ContainerSpec spec) {
        String name = spec.name() == null || spec.name().isEmpty() ? "fake_" + store.nextNumber() : spec.name();
        checkName(name, null);
        ImageInfo image = images.resolve(spec.image());
        if (image == null) {
            throw EngineErrors.notFound("No such image: " + FakeImages.normalize(spec.image()));
        }
        String mode = spec.networkMode();
        if (mode != null && mode.startsWith("container:")) {
            store.container(mode.substring("container:".length()));
        }
        spec.networks().forEach(networks::validate);
        String id = store.newId("container");
        FakeContainer c = new FakeContainer(id, name, spec, image, store.now(), programs.apply(name, spec.image()));
        if (mode == null && spec.networks().isEmpty()) {
            c.endpoints.put("bridge", EndpointSpec.of("bridge"));
        } else if (mode != null && (mode.equals("host") || mode.equals("none") || mode.equals("bridge"))) {
            c.endpoints.put(mode, EndpointSpec.of(mode));
        } else if (!spec.networks().isEmpty()) {
            // The first network at create; the others are connected below, as the Docker adapter does.
            c.endpoints.put(spec.networks().getFirst().network(), spec.networks().getFirst());
        }
        attachVolumes(c);
        store.containers.put(id, c);
        store.publish("container", "create", id, FakeLifecycle.attributes(c, Map.of()));
        for (EndpointSpec extra : spec.networks().subList(Math.min(1, spec.networks().size()),
                spec.networks().size())) {
            networks.connect(c, extra);
        }
        return id;
    }

    /** Named volumes that do not exist yet are created on the fly, anonymous ones get a fresh name. */
    private void attachVolumes(FakeContainer c) {
        for (MountSpec m : c.spec.mounts()) {
            if (m.type() != MountSpec.Type.VOLUME) {
                continue;
            }
            boolean anonymous = m.source() == null || m.source().isEmpty();
            String volume = volumes.create(new VolumeSpec(anonymous ? null : m.source(), null, null, null)).name();
            if (anonymous) {
                c.anonymousVolumes.add(volume);
            }
            c.volumeMounts.put(m.target(), volume);
        }
        for (String target : c.image.config().volumes()) {
            if (!c.volumeMounts.containsKey(target) && c.spec.mounts().stream().noneMatch(m -> m.target().equals(target))) {
                String volume = volumes.create(new VolumeSpec(null, null, null, null)).name();
                c.anonymousVolumes.add(volume);
                c.volumeMounts.put(target, volume);
            }
        }
    }

    private void checkName(String name, FakeContainer self) {
        if (!VALID_NAME.matcher(name).matches()) {
            throw EngineErrors.failure("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are"
                    + " allowed");
        }
        for (FakeContainer other : store.containers.values()) {
            if (other.name.equals(name) && other != self) {
                throw EngineErrors.conflict("Conflict. The container name \"/" + name + "\" is already in use by"
                        + " container \"" + other.id + "\". You have to remove (or rename) that container to be able"
                        + " to reuse that name.");
            }
        }
    }

    void rename(FakeContainer c, String newName) {
        String wanted = newName.startsWith("/") ? newName.substring(1) : newName;
        if (wanted.equals(c.name)) {
            throw EngineErrors.failure("Renaming a container with the same name as its current name");
        }
        try {
            checkName(wanted, c);
        } catch (RuntimeException e) {
            throw e.getMessage().startsWith("Conflict") ? EngineErrors.conflict("Error when allocating new name: "
                    + e.getMessage()) : e;
        }
        String old = c.name;
        c.name = wanted;
        store.publish("container", "rename", c.id, FakeLifecycle.attributes(c, Map.of("oldName", "/" + old)));
    }

    void remove(FakeContainer c, boolean force, boolean removeVolumes) {
        if (c.running() && !force) {
            throw EngineErrors.conflict("You cannot remove a running container " + c.id + ". Stop the container"
                    + " before attempting removal or force remove");
        }
        if (c.running()) {
            lifecycle.kill(c, 9);
        }
        store.containers.remove(c.id);
        store.publish("container", "destroy", c.id, FakeLifecycle.attributes(c, Map.of()));
        if (removeVolumes) {
            for (String volume : c.anonymousVolumes) {
                boolean shared = store.containers.values().stream().anyMatch(o -> o.volumeMounts.containsValue(volume));
                if (!shared && store.volumes.containsKey(volume)) {
                    volumes.remove(volume, true);
                }
            }
        }
    }

    List<ContainerSummary> list(List<String> labelFilters, boolean includeStopped) {
        List<ContainerSummary> out = new ArrayList<>();
        for (FakeContainer c : store.containers.values()) {
            ContainerInfo info = FakeSnapshots.info(c, networks);
            if ((includeStopped || c.state.isUp()) && LabelFilters.matches(info.config().labels(), labelFilters)) {
                out.add(FakeSnapshots.summary(c, info));
            }
        }
        // Docker lists the newest first.
        return out.reversed();
    }

    /** One process per running container: its program, as PID 1 under the fake pid. */
    ProcessList top(FakeContainer c) {
        if (!c.running()) {
            throw EngineErrors.conflict("Container " + c.id + " is not running");
        }
        ContainerSummary summary = FakeSnapshots.summary(c, FakeSnapshots.info(c, networks));
        return new ProcessList(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"),
                List.of(List.of("root", Long.toString(c.pid), "1", "0", "00:00", "?", "00:00:00", summary.command())));
    }

    void pause(FakeContainer c, boolean pause) {
        if (!c.running()) {
            throw EngineErrors.conflict("Container " + c.id + " is not running");
        }
        if (pause == (c.state == ContainerState.PAUSED)) {
            throw EngineErrors.conflict("Container " + c.id + (pause ? " is already paused" : " is not paused"));
        }
        c.state = pause ? ContainerState.PAUSED : ContainerState.RUNNING;
        store.publish("container", pause ? "pause" : "unpause", c.id, FakeLifecycle.attributes(c, Map.of()));
    }
}

package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.RuntimeError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a create request's HostConfig.Binds, HostConfig.Mounts, VolumesFrom and the image's VOLUMEs into the
 * container's mount points, creating the volumes they name (named ones when missing, anonymous ones always),
 * like Docker's registerMountPoints: explicit mounts first, then volumes-from, then image volumes for the
 * destinations nobody covered.
 */
final class MountPlanner {
    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave",
            "rslave");
    private static final Set<String> BIND_FLAGS = Set.of("ro", "rw", "z", "Z", "nocopy", "consistent", "cached",
            "delegated");

    private final VolumeStore volumes;
    private final ContainerStore containers;
    private final List<String> createdAnonymous = new ArrayList<>();

    MountPlanner(VolumeStore volumes, ContainerStore containers) {
        this.volumes = volumes;
        this.containers = containers;
    }

    List<MountPoint> plan(JsonNode hostConfig, JsonNode config) {
        Map<String, MountPoint> byDestination = new LinkedHashMap<>();
        for (String bind : DockerJson.stringsOrEmpty(hostConfig, "Binds")) {
            add(byDestination, parseBind(bind));
        }
        JsonNode mounts = hostConfig.path("Mounts");
        if (mounts.isArray()) {
            for (JsonNode m : mounts) {
                add(byDestination, parseMount(m));
            }
        }
        for (String from : DockerJson.stringsOrEmpty(hostConfig, "VolumesFrom")) {
            volumesFrom(from, byDestination);
        }
        Set<String> tmpfs = DockerJson.stringMap(hostConfig, "Tmpfs").keySet();
        if (config.path("Volumes").isObject()) {
            config.path("Volumes").fieldNames().forEachRemaining(dest -> {
                String d = clean(dest);
                if (!byDestination.containsKey(d) && !tmpfs.contains(d)) {
                    byDestination.put(d, anonymous(d, true));
                }
            });
        }
        return List.copyOf(byDestination.values());
    }

    /** Anonymous volumes this planner made: a create that fails later removes them again. */
    List<String> createdAnonymous() {
        return List.copyOf(createdAnonymous);
    }

    private static void add(Map<String, MountPoint> byDestination, MountPoint m) {
        if (byDestination.containsKey(m.destination())) {
            throw RuntimeError.badRequest("Duplicate mount point: " + m.destination());
        }
        byDestination.put(m.destination(), m);
    }

    /** {@code /host:/ctr[:opts]}, {@code name:/ctr[:opts]} or {@code /ctr} (anonymous). */
    MountPoint parseBind(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length == 1) {
            return anonymous(destination(parts[0], spec), true);
        }
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw RuntimeError.badRequest("invalid volume specification: '" + spec + "'");
        }
        String destination = destination(parts[1], spec);
        String mode = parts.length == 3 ? parts[2] : "";
        boolean rw = true;
        String propagation = "";
        boolean noCopy = false;
        for (String flag : mode.isEmpty() ? new String[0] : mode.split(",")) {
            if (PROPAGATIONS.contains(flag)) {
                propagation = flag;
            } else if (!BIND_FLAGS.contains(flag)) {
                throw RuntimeError.badRequest("invalid mode: " + flag);
            }
            rw = flag.equals("ro") ? false : flag.equals("rw") || rw;
            noCopy |= flag.equals("nocopy");
        }
        if (parts[0].startsWith("/")) {
            Path source = Path.of(parts[0]).normalize();
            return new MountPoint(MountPoint.BIND, "", source.toString(), destination, mode, rw,
                    propagation.isEmpty() ? "rprivate" : propagation, false, false, List.of(), true);
        }
        VolumeRecord v = volumes.create(parts[0], null, Map.of(), Map.of(), false);
        return new MountPoint(MountPoint.VOLUME, v.name(), volumes.dataDir(v.name()).toString(), destination,
                mode.isEmpty() ? "z" : mode, rw, "", false, !noCopy, List.of(), true);
    }

    private MountPoint parseMount(JsonNode m) {
        String type = DockerJson.text(m, "Type", "");
        String target = DockerJson.text(m, "Target", DockerJson.text(m, "Destination", ""));
        String destination = destination(target, "Target " + target);
        boolean rw = !DockerJson.bool(m, "ReadOnly");
        String source = DockerJson.text(m, "Source", "");
        switch (type) {
            case MountPoint.BIND -> {
                if (!source.startsWith("/")) {
                    throw RuntimeError.badRequest("invalid mount config for type \"bind\": invalid mount path: '"
                            + source + "' mount path must be absolute");
                }
                if (!Files.exists(Path.of(source))) {
                    throw RuntimeError.badRequest("invalid mount config for type \"bind\": bind source path does "
                            + "not exist: " + source);
                }
                String propagation = DockerJson.text(m.path("BindOptions"), "Propagation", "rprivate");
                return new MountPoint(MountPoint.BIND, "", Path.of(source).normalize().toString(), destination, "",
                        rw, propagation, false, false, List.of(), false);
            }
            case MountPoint.VOLUME -> {
                boolean copy = !DockerJson.bool(m.path("VolumeOptions"), "NoCopy");
                if (source.isEmpty()) {
                    MountPoint anon = anonymous(destination, copy);
                    return new MountPoint(anon.type(), anon.name(), anon.source(), destination, "", rw, "", true,
                            copy, List.of(), false);
                }
                VolumeRecord v = volumes.create(source, null, DockerJson.stringMap(m.path("VolumeOptions"), "Labels"),
                        Map.of(), false);
                return new MountPoint(MountPoint.VOLUME, v.name(), volumes.dataDir(v.name()).toString(), destination,
                        "z", rw, "", false, copy, List.of(), false);
            }
            case MountPoint.TMPFS -> {
                List<String> options = new ArrayList<>();
                Long size = DockerJson.longOrNull(m.path("TmpfsOptions"), "SizeBytes");
                if (size != null && size > 0) {
                    options.add("size=" + size);
                }
                Long mode = DockerJson.longOrNull(m.path("TmpfsOptions"), "Mode");
                if (mode != null && mode > 0) {
                    options.add("mode=" + Long.toOctalString(mode & 07777));
                }
                return new MountPoint(MountPoint.TMPFS, "", "", destination, "", rw, "", false, false, options,
                        false);
            }
            default -> throw RuntimeError.badRequest("mount type unknown or not supported here: \"" + type + "\"");
        }
    }

    private void volumesFrom(String spec, Map<String, MountPoint> byDestination) {
        String[] parts = spec.split(":");
        ContainerRecord from = containers.get(parts[0]);
        String mode = parts.length > 1 ? parts[1] : "";
        if (!mode.isEmpty() && !mode.equals("ro") && !mode.equals("rw")) {
            throw RuntimeError.badRequest("invalid mode for volumes-from: " + mode);
        }
        for (MountPoint m : from.mounts()) {
            if (byDestination.containsKey(m.destination()) || m.type().equals(MountPoint.TMPFS)) {
                continue;
            }
            boolean rw = mode.isEmpty() ? m.rw() : mode.equals("rw");
            byDestination.put(m.destination(), new MountPoint(m.type(), m.name(), m.source(), m.destination(),
                    m.mode(), rw, m.propagation(), false, false, m.tmpfsOptions(), m.fromBinds()));
        }
    }

    private MountPoint anonymous(String destination, boolean copy) {
        VolumeRecord v = volumes.create(null, null, Map.of(), Map.of(), true);
        createdAnonymous.add(v.name());
        return new MountPoint(MountPoint.VOLUME, v.name(), volumes.dataDir(v.name()).toString(), destination, "",
                true, "", true, copy, List.of(), false);
    }

    private static String destination(String path, String spec) {
        if (!path.startsWith("/")) {
            throw RuntimeError.badRequest("invalid volume specification: '" + spec
                    + "': mount path must be absolute");
        }
        if (clean(path).equals("/")) {
            throw RuntimeError.badRequest("invalid volume specification: '" + spec + "': destination can't be '/'");
        }
        return clean(path);
    }

    private static String clean(String path) {
        String p = Path.of(path).normalize().toString();
        return p.isEmpty() ? "/" : p;
    }

    /** Binds of HostConfig.Binds create a missing host directory (the Mounts API refuses one, as checked above). */
    static void ensureBindSource(MountPoint m) {
        if (m.type().equals(MountPoint.BIND) && m.fromBinds() && !Files.exists(Path.of(m.source()))) {
            try {
                Files.createDirectories(Path.of(m.source()));
            } catch (IOException e) {
                throw RuntimeError.internal("error while creating mount source path '" + m.source() + "': "
                        + e.getMessage(), e);
            }
        }
    }
}

package dev.jcompose.app;

import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSpec.MountSpec;
import dev.jcompose.engine.ContainerSpec.PortBinding;
import dev.jcompose.engine.ContainerSpecBuilder;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ContainerSpecs;
import dev.jcompose.load.normalize.ShellWords;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The container spec of a one-off `run` container: the service's spec with compose's run overrides. No
 * restart policy; no published ports unless -p or --service-ports; on each network only the container's own
 * name as alias unless --use-aliases (then the service name and declared aliases too); command, entrypoint,
 * user, working dir, environment, labels, capabilities and extra volumes from the flags. Pure.
 */
final class OneOffSpec {
    private OneOffSpec() {
    }

    /**
     * @param composeLabels the one-off's compose labels (project, service, oneoff, slug...); they win over
     *                      -l labels, which win over the service's labels
     * @param containerOf   service name → id of its container, for network_mode / volumes_from service:x
     */
    static ContainerSpec build(Project project, Service service, String name, Map<String, String> composeLabels,
            RunRequest req, Function<String, String> containerOf) {
        ContainerSpec plain = ContainerSpecs.of(project, service, name, Map.of(), Map.of(), containerOf);
        ContainerSpecBuilder b = plain.toBuilder();
        if (!req.command().isEmpty()) {
            b.cmd(req.command());
        }
        if (req.entrypoint() != null) {
            b.entrypoint(req.entrypoint().isEmpty() ? List.of() : ShellWords.split(req.entrypoint()));
            if (req.command().isEmpty()) {
                // compose: a new entrypoint drops the service's command unless one is given
                b.cmd(List.of());
            }
        }
        if (req.user() != null && !req.user().isEmpty()) {
            b.user(req.user());
        }
        if (req.workingDir() != null && !req.workingDir().isEmpty()) {
            b.workingDir(req.workingDir());
        }
        List<String> serviceEnv = new ArrayList<>();
        service.environment().forEach((k, v) -> serviceEnv.add(v == null ? k : k + "=" + v));
        b.env(EnvOverrides.merge(serviceEnv, EnvOverrides.resolve(req.env(), project.environment())));
        Map<String, String> labels = new LinkedHashMap<>(service.labels());
        labels.putAll(labels(req.labels()));
        labels.putAll(composeLabels);
        b.labels(labels);
        capabilities(service, req, b);
        List<MountSpec> mounts = new ArrayList<>(plain.mounts());
        for (String v : req.volumes()) {
            mounts.add(volume(project, v));
        }
        b.mounts(mounts);
        ports(service, req, b);
        if (service.networkMode() == null || service.networkMode().isEmpty()) {
            b.networks(endpoints(plain, name, req.useAliases()));
        }
        b.restartPolicy(ContainerSpec.RestartPolicy.NO);
        b.tty(req.tty()).stdinOpen(req.interactive()).stdinOnce(req.interactive());
        // Attached runs remove their container themselves after reading its exit code; a detached one leaves
        // it to the engine.
        b.autoRemove(req.remove() && req.detach());
        return b.build();
    }

    /** -l KEY=VALUE; anything else is compose's error. */
    static Map<String, String> labels(List<String> flags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : flags) {
            int eq = l.indexOf('=');
            if (eq < 0) {
                throw ComposeException.usage("label must be set as KEY=VALUE");
            }
            out.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return out;
    }

    /** compose's applyRunOptions: --cap-add leaves cap_drop, then --cap-drop leaves cap_add. */
    private static void capabilities(Service service, RunRequest req, ContainerSpecBuilder b) {
        List<String> add = new ArrayList<>(service.capAdd());
        List<String> drop = new ArrayList<>(service.capDrop());
        add.addAll(req.capAdd());
        drop.removeAll(req.capAdd());
        drop.addAll(req.capDrop());
        add.removeAll(req.capDrop());
        b.capAdd(add).capDrop(drop);
    }

    private static void ports(Service service, RunRequest req, ContainerSpecBuilder b) {
        if (req.servicePorts()) {
            return; // the service's own bindings, as `up` publishes them
        }
        Set<String> exposed = new LinkedHashSet<>();
        service.expose().forEach(e -> exposed.add(e.contains("/") ? e : e + "/tcp"));
        List<PortBinding> bindings = new ArrayList<>();
        for (String p : req.publish()) {
            for (PortBinding binding : PortFlag.parse(p)) {
                bindings.add(binding);
                exposed.add(binding.containerPortKey());
            }
        }
        b.exposedPorts(List.copyOf(exposed)).portBindings(bindings);
    }

    private static List<EndpointSpec> endpoints(ContainerSpec plain, String name, boolean useAliases) {
        List<EndpointSpec> out = new ArrayList<>();
        for (EndpointSpec e : plain.networks()) {
            List<String> aliases = new ArrayList<>();
            aliases.add(name);
            if (useAliases) {
                for (String a : e.aliases()) {
                    if (!aliases.contains(a)) {
                        aliases.add(a);
                    }
                }
            }
            out.add(new EndpointSpec(e.network(), aliases, e.ipv4Address(), e.ipv6Address()));
        }
        return out;
    }

    /**
     * -v [SOURCE:]TARGET[:MODE]: a source starting with '/', '.' or '~' is a bind mount (relative ones from the
     * project directory), another source is a named volume (a project volume key maps to its name), no source
     * an anonymous volume. MODE: ro, rw, nocopy (comma-separated).
     */
    static MountSpec volume(Project project, String flag) {
        String[] parts = flag.split(":", -1);
        if (flag.isEmpty() || parts.length > 3 || parts[parts.length == 3 ? 1 : parts.length - 1].isEmpty()) {
            throw ComposeException.usage("invalid volume specification: '" + flag + "'");
        }
        String source = parts.length >= 2 ? parts[0] : "";
        String target = parts.length >= 2 ? parts[1] : parts[0];
        Set<String> modes = parts.length == 3 ? Set.of(parts[2].split(",")) : Set.of();
        boolean readOnly = modes.contains("ro");
        if (source.isEmpty()) {
            return MountSpec.volume(null, target, readOnly);
        }
        if (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")) {
            String home = System.getProperty("user.home");
            Path host = source.startsWith("~") ? Path.of(home + source.substring(1))
                    : project.workingDir() == null ? Path.of(source) : project.workingDir().resolve(source);
            return MountSpec.bind(host.normalize().toString(), target, readOnly);
        }
        Volume declared = project.volumes().get(source);
        return new MountSpec(MountSpec.Type.VOLUME, declared != null ? declared.name() : source, target, readOnly,
                null, false, modes.contains("nocopy"), null, null);
    }
}

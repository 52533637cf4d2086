package dev.jcompose.exec;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.NetworkSpec;
import dev.jcompose.engine.VolumeSpec;
import dev.jcompose.error.ComposeException;
import dev.jcompose.graph.GraphWalker;
import dev.jcompose.model.Network;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.model.ServiceNetwork;
import dev.jcompose.model.Volume;
import dev.jcompose.plan.Operation;
import dev.jcompose.plan.Plan;
import dev.jcompose.plan.PlanNode;
import dev.jcompose.state.Labels;
import dev.jcompose.state.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a plan: one engine call per operation, in dependency order, in parallel up to the limit. Carries no
 * decision logic — every choice was made by the reconciler; this class only translates operations to calls and
 * reports progress.
 */
public final class Executor {
    /**
     * How to run: parallel limit (<= 0 unlimited), whether PID 1's signal mask can be read (local engine), and a
     * stop timeout overriding every service's grace period (-t), or null.
     */
    public record Options(int parallel, boolean signalAware, Duration stopTimeout) {
    }

    private final Engine engine;
    private final Project project;
    private final ProgressListener listener;
    private final Options options;
    private final DependencyWaiter waiter;
    private final ContainerStopper stopper;
    private final ContainerCreator creator;
    private final NetworkCreator networks;
    private final ContainerRemover remover;
    /** Containers created by this run, by plan node id, for later steps on them (start, rename). */
    private final Map<Integer, String> created = new ConcurrentHashMap<>();

    public Executor(Engine engine, Project project, ProgressListener listener, Options options) {
        this.engine = engine;
        this.project = project;
        this.listener = listener;
        this.options = options;
        this.waiter = new DependencyWaiter(engine, project, listener);
        this.stopper = new ContainerStopper(engine, options.signalAware(), options.stopTimeout());
        this.creator = new ContainerCreator(engine);
        this.networks = new NetworkCreator(engine);
        this.remover = new ContainerRemover(engine);
    }

    public void execute(Plan plan) {
        for (String w : plan.warnings()) {
            listener.warn(w);
        }
        if (plan.isEmpty()) {
            return;
        }
        try {
            plan.walker().walk(GraphWalker.Direction.DEPENDENCIES_FIRST, options.parallel(), this::run);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ComposeException(ComposeException.Kind.INTERNAL, e.toString(), e);
        }
    }

    private void run(PlanNode node) throws Exception {
        Operation op = node.operation();
        Display d = display(node);
        try {
            step(node, op, d);
        } catch (ComposeException e) {
            if (op.bestEffort()) {
                listener.warn(d.kind + " " + d.name + ": " + e.getMessage());
                return;
            }
            listener.on(ProgressEvent.error(d.kind, d.name, "Error", e.getMessage()));
            throw new ComposeException(e.kind(), d.kind + " " + d.name + ": " + e.getMessage(), e);
        }
    }

    private void step(PlanNode node, Operation op, Display d) throws Exception {
        switch (op.type()) {
            case CREATE_NETWORK -> {
                listener.on(ProgressEvent.working("Network", op.name(), "Creating"));
                networks.create(networkSpec(op));
                listener.on(ProgressEvent.done("Network", op.name(), "Created"));
            }
            case REMOVE_NETWORK -> {
                listener.on(ProgressEvent.working("Network", op.name(), "Removing"));
                try {
                    engine.removeNetwork(op.name());
                } catch (ComposeException e) {
                    if (e.kind() != ComposeException.Kind.NOT_FOUND) {
                        // "has active endpoints": containers of someone else still use it; down goes on.
                        listener.on(new ProgressEvent("Network", op.name(), ProgressEvent.Status.WARNING,
                                "Resource is still in use", null));
                        return;
                    }
                }
                listener.on(ProgressEvent.done("Network", op.name(), "Removed"));
            }
            case CONNECT_NETWORK -> engine.connectNetwork(container(op), endpoint(op));
            case DISCONNECT_NETWORK -> engine.disconnectNetwork(op.name(), container(op), true);
            case CREATE_VOLUME -> {
                listener.on(ProgressEvent.working("Volume", op.name(), "Creating"));
                engine.createVolume(volumeSpec(op));
                listener.on(ProgressEvent.done("Volume", op.name(), "Created"));
            }
            case REMOVE_VOLUME -> {
                listener.on(ProgressEvent.working("Volume", op.name(), "Removing"));
                engine.removeVolume(op.name(), false);
                listener.on(ProgressEvent.done("Volume", op.name(), "Removed"));
            }
            case CREATE_CONTAINER -> {
                listener.on(ProgressEvent.working("Container", d.name, d.recreate ? "Recreate" : "Creating")
                        .withDetail(op.cause()));
                Service toCreate = project.service(op.service());
                if (toCreate != null) {
                    FileInjector.check(project, toCreate); // an unset variable fails before the container exists
                }
                created.put(node.id(), creator.create(containerSpec(op)));
                if (!d.recreate) {
                    listener.on(ProgressEvent.done("Container", d.name, "Created"));
                }
            }
            case START_CONTAINER -> {
                Service s = project.service(op.service());
                if (s != null) {
                    waiter.awaitDependencies(s);
                }
                listener.on(ProgressEvent.working("Container", d.name, "Starting"));
                FileInjector.inject(engine, project, s, container(op));
                engine.startContainer(container(op));
                listener.on(ProgressEvent.done("Container", d.name, "Started"));
            }
            case STOP_CONTAINER -> {
                if (!d.recreate) {
                    listener.on(ProgressEvent.working("Container", d.name, "Stopping"));
                }
                stop(container(op), project.service(op.service()));
                if (!d.recreate) {
                    listener.on(ProgressEvent.done("Container", d.name, "Stopped"));
                }
            }
            case RESTART_CONTAINER -> {
                listener.on(ProgressEvent.working("Container", d.name, "Restarting"));
                String id = container(op);
                stop(id, project.service(op.service()));
                engine.startContainer(id);
                listener.on(ProgressEvent.done("Container", d.name, "Restarted"));
            }
            case UNPAUSE_CONTAINER -> engine.unpauseContainer(container(op));
            case REMOVE_CONTAINER -> {
                if (!d.recreate) {
                    listener.on(ProgressEvent.working("Container", d.name, "Removing"));
                }
                remover.remove(container(op), true, op.removeVolumes());
                if (!d.recreate) {
                    listener.on(ProgressEvent.done("Container", d.name, "Removed"));
                }
            }
            case RENAME_CONTAINER -> {
                engine.renameContainer(container(op), op.name());
                if (d.recreate) {
                    listener.on(ProgressEvent.done("Container", d.name, "Recreated"));
                }
            }
            case REMOVE_IMAGE -> {
                listener.on(ProgressEvent.working("Image", op.name(), "Removing"));
                engine.removeImage(op.name(), false);
                listener.on(ProgressEvent.done("Image", op.name(), "Removed"));
            }
        }
    }

    /** Stop with the service's signal and grace period (see ContainerStopper). */
    private void stop(String id, Service service) {
        stopper.stop(id, service);
    }

    private String container(Operation op) {
        if (op.containerId() != null) {
            return op.containerId();
        }
        if (op.subjectNode() != null && created.containsKey(op.subjectNode())) {
            return created.get(op.subjectNode());
        }
        if (op.name() != null) {
            return op.name();
        }
        throw new ComposeException(ComposeException.Kind.INTERNAL, "operation " + op.resource() + " "
                + op.type() + " names no container");
    }

    private NetworkSpec networkSpec(Operation op) {
        Network n = project.networks().get(op.key());
        if (n == null) {
            return NetworkSpec.of(op.name(), op.labels());
        }
        Map<String, String> labels = new LinkedHashMap<>(n.labels());
        labels.putAll(op.labels());
        List<NetworkSpec.Pool> pools = new ArrayList<>();
        for (Network.IpamPool p : n.ipamConfig()) {
            pools.add(new NetworkSpec.Pool(p.subnet(), p.ipRange(), p.gateway(), p.auxAddresses()));
        }
        return new NetworkSpec(op.name(), n.driver(), labels, n.internal(), n.attachable(),
                Boolean.TRUE.equals(n.enableIpv6()), new NetworkSpec.Ipam(n.ipamDriver(), pools, Map.of()),
                n.driverOpts());
    }

    private VolumeSpec volumeSpec(Operation op) {
        Volume v = project.volumes().get(op.key());
        if (v == null) {
            return VolumeSpec.of(op.name(), op.labels());
        }
        Map<String, String> labels = new LinkedHashMap<>(v.labels());
        labels.putAll(op.labels());
        return new VolumeSpec(op.name(), v.driver(), labels, v.driverOpts());
    }

    private EndpointSpec endpoint(Operation op) {
        Service s = project.service(op.service());
        ServiceNetwork sn = s == null ? null : s.networks().get(op.key());
        List<String> aliases = new ArrayList<>();
        if (s != null) {
            aliases.add(s.name());
        }
        if (sn != null) {
            sn.aliases().stream().filter(a -> !aliases.contains(a)).forEach(aliases::add);
        }
        return new EndpointSpec(op.name(), aliases, sn == null ? null : sn.ipv4Address(),
                sn == null ? null : sn.ipv6Address());
    }

    private ContainerSpec containerSpec(Operation op) {
        Service s = project.service(op.service());
        if (s == null) {
            throw new ComposeException(ComposeException.Kind.INTERNAL, "no service " + op.service());
        }
        Map<String, String> anonymous = new LinkedHashMap<>();
        List<ContainerSpec.MountSpec> inherited = new ArrayList<>();
        if (op.inheritFrom() != null) {
            inheritAnonymousVolumes(s, op.inheritFrom(), anonymous, inherited);
        }
        ContainerSpec spec = ContainerSpecs.of(project, s, op.name(), op.labels(), anonymous, this::runningContainerOf);
        if (inherited.isEmpty()) {
            return spec;
        }
        List<ContainerSpec.MountSpec> mounts = new ArrayList<>(spec.mounts());
        mounts.addAll(inherited);
        return spec.toBuilder().mounts(mounts).build();
    }

    /**
     * The replacement keeps the old container's anonymous volumes: those the service declares (by target) and
     * those the image declared (targets the service does not mount at all).
     */
    private void inheritAnonymousVolumes(Service s, String oldId, Map<String, String> anonymous,
            List<ContainerSpec.MountSpec> inherited) {
        ContainerInfo old = engine.findContainer(oldId).orElse(null);
        if (old == null) {
            return;
        }
        java.util.Set<String> declared = new java.util.HashSet<>();
        s.volumes().forEach(m -> declared.add(m.target()));
        for (ContainerInfo.MountPoint m : old.mounts()) {
            if (!"volume".equals(m.type()) || m.name() == null || !m.name().matches("[0-9a-f]{64}")) {
                continue;
            }
            if (declared.contains(m.destination())) {
                anonymous.put(m.destination(), m.name());
            } else {
                inherited.add(ContainerSpec.MountSpec.volume(m.name(), m.destination(), !m.readWrite()));
            }
        }
    }

    private String runningContainerOf(String service) {
        return engine.listContainers(List.of(Labels.PROJECT + "=" + project.name(), Labels.SERVICE + "=" + service,
                        Labels.ONEOFF + "=" + Labels.FALSE), false).stream().map(c -> c.id()).findFirst()
                .orElseThrow(() -> new ComposeException(ComposeException.Kind.ENGINE, "service " + service
                        + " has no running container to share"));
    }

    /** How a node shows in progress output: the final container name, and whether it is part of a recreate. */
    private record Display(String kind, String name, boolean recreate) {
    }

    private Display display(PlanNode node) {
        Operation op = node.operation();
        boolean recreate = node.group() != null && node.group().startsWith("recreate:");
        String kind = switch (op.type()) {
            case CREATE_NETWORK, REMOVE_NETWORK -> "Network";
            case CREATE_VOLUME, REMOVE_VOLUME -> "Volume";
            case REMOVE_IMAGE -> "Image";
            default -> "Container";
        };
        String name = op.name();
        if (recreate && op.service() != null) {
            Service s = project.service(op.service());
            name = s != null && s.containerName() != null ? s.containerName()
                    : Names.container(project.name(), op.service(), op.number());
        }
        return new Display(kind, name == null ? op.resource() : name, recreate);
    }
}

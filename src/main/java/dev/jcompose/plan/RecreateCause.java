package dev.jcompose.plan;

import dev.jcompose.graph.ImplicitDependencies;
import dev.jcompose.model.Mount;
import dev.jcompose.model.Network;
import dev.jcompose.model.Service;
import dev.jcompose.state.ContainerState;
import dev.jcompose.state.ObservedContainer;
import dev.jcompose.state.ObservedNetwork;

/**
 * Why an existing container must be replaced, or null when it may stay. The first reason found is the cause shown
 * in the plan, checked in compose's order: policy, a recreated namespace parent, config hash, image digest, network
 * attachment, named volume mounts.
 */
final class RecreateCause {
    /** The recreate policy for one service. */
    enum Policy {
        NEVER, DIVERGED, FORCE_TARGETED, FORCE_DEPENDENCY
    }

    private final ReconcileContext ctx;

    RecreateCause(ReconcileContext ctx) {
        this.ctx = ctx;
    }

    /** --force-recreate / --no-recreate apply to the named services; their dependencies follow the -deps flags. */
    Policy policyFor(String service) {
        if (ctx.options.noRecreate()) {
            return Policy.NEVER;
        }
        if (ctx.targeted.contains(service)) {
            return ctx.options.forceRecreate() ? Policy.FORCE_TARGETED : Policy.DIVERGED;
        }
        return ctx.options.alwaysRecreateDeps() ? Policy.FORCE_DEPENDENCY : Policy.DIVERGED;
    }

    String of(Service service, ObservedContainer c, Policy policy, String desiredHash) {
        switch (policy) {
            case NEVER:
                return null;
            case FORCE_TARGETED:
                return "forced (--force-recreate)";
            case FORCE_DEPENDENCY:
                return "forced (--always-recreate-deps)";
            default:
                break;
        }
        String parent = recreatedParent(service);
        if (parent != null) {
            return parent;
        }
        if (!c.configHash().equals(desiredHash)) {
            return "config hash differs";
        }
        String digest = ctx.options.imageDigests().get(service.name());
        if (digest != null && !digest.equals(c.imageDigest())) {
            return "image digest changed (" + shortDigest(c.imageDigest()) + " → " + shortDigest(digest) + ")";
        }
        if (c.state() == ContainerState.DEAD) {
            return "container is dead";
        }
        String network = missingNetwork(service, c);
        if (network != null) {
            return "not attached to network " + network;
        }
        return missingVolume(service, c);
    }

    /**
     * A container sharing a namespace or the volumes of a recreated parent would keep pointing at the removed
     * container ({@code container:<old id>}): it is recreated with its parent.
     */
    private String recreatedParent(Service service) {
        String[][] modes = {{"network_mode", service.networkMode()}, {"ipc", service.ipc()},
            {"pid", service.pid()}};
        for (String[] mode : modes) {
            String parent = ImplicitDependencies.serviceOfMode(mode[1]);
            if (parent != null && ctx.recreatedServices.contains(parent)) {
                return "parent " + parent + " recreated (" + mode[0] + ": " + mode[1] + ")";
            }
        }
        for (String from : service.volumesFrom()) {
            String parent = ImplicitDependencies.serviceOfVolumesFrom(from);
            if (parent != null && ctx.recreatedServices.contains(parent)) {
                return "parent " + parent + " recreated (volumes_from: " + from + ")";
            }
        }
        return null;
    }

    /**
     * A network to be created cannot have this container attached; an existing one is checked on running
     * containers only (compose's rule: a stopped container's endpoints are not reliable). Networks recreated in
     * place are handled by reconnecting, not here.
     */
    private String missingNetwork(Service service, ObservedContainer c) {
        for (String key : ctx.graph.networksOf(service.name())) {
            if (ctx.recreatedNetworks.contains(key)) {
                continue;
            }
            Network desired = ctx.desired.networks().get(key);
            ObservedNetwork live = ctx.networks.get(key);
            if (live == null) {
                return desired.name();
            }
            if (c.isRunning() && !attached(c, live)) {
                return desired.name();
            }
        }
        return null;
    }

    private static boolean attached(ObservedContainer c, ObservedNetwork live) {
        if (live.id() != null && !live.id().isEmpty() && c.networks().containsValue(live.id())) {
            return true;
        }
        String id = c.networks().get(live.name());
        return id != null && (id.isEmpty() || live.id() == null || live.id().isEmpty() || id.equals(live.id()));
    }

    private String missingVolume(Service service, ObservedContainer c) {
        for (Mount m : service.volumes()) {
            if (!"volume".equals(m.type()) || m.isAnonymousVolume()) {
                continue;
            }
            String name = ctx.desired.volumes().get(m.source()).name();
            if (!c.volumeNames().contains(name)) {
                return "volume " + name + " not mounted";
            }
        }
        return null;
    }

    /** {@code sha256:0123456789ab…}: enough to tell digests apart in a plan line. */
    static String shortDigest(String digest) {
        if (digest == null || digest.isEmpty()) {
            return "none";
        }
        int colon = digest.indexOf(':');
        int keep = colon + 1 + 12;
        return digest.length() > keep ? digest.substring(0, keep) + "…" : digest;
    }
}

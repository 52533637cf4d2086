package dev.jcompose.app;

import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.Names;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The project `run` converges before creating its one-off container: the target's dependencies, and the
 * networks and volumes the target uses, never the target's own replicas (compose runs `create` + `start` on
 * the project with the target disabled). The target is stood in for by a stand-in service: same dependencies,
 * networks, volumes and image, scale 0, a name no compose file can use. Selecting only the stand-in makes the
 * reconciler create the infrastructure and converge the dependencies (or nothing else with --no-deps) with
 * the very rules of `up`. The target itself and the services outside its dependency closure are moved to the
 * disabled ones, so they are neither touched, pulled, nor taken for orphans.
 */
record RunScope(Project project, String standIn) {
    /** '~' is not allowed in compose service names, so the stand-in cannot collide with a real service. */
    static final String SUFFIX = "~run";

    static RunScope of(Project project, Service target) {
        SortedSet<String> closure = new java.util.TreeSet<>(ProjectGraph.of(project).withDependencies(
                List.of(target.name())));
        TreeMap<String, Service> enabled = new TreeMap<>();
        TreeMap<String, Service> disabled = new TreeMap<>(project.disabledServices());
        closure.remove(target.name());
        project.services().forEach((name, s) -> (closure.contains(name) ? enabled : disabled).put(name, s));
        Service standIn = standIn(project, target);
        enabled.put(standIn.name(), standIn);
        Project scoped = new Project(project.name(), project.workingDir(), project.configFiles(), enabled, disabled,
                project.networks(), project.volumes(), project.secrets(), project.configs(), project.environment(),
                project.definition());
        return new RunScope(scoped, standIn.name());
    }

    private static Service standIn(Project project, Service t) {
        String image = t.image() != null ? t.image() : Names.defaultImage(project.name(), t.name());
        return new Service(t.name() + SUFFIX, image, null, t.pullPolicy(), t.platform(), t.command(), t.entrypoint(),
                t.environment(), t.labels(), t.annotations(), List.of(), t.expose(), t.volumes(), t.volumesFrom(),
                t.networks(), t.networkMode(), t.dependsOn(), t.links(), t.healthcheck(), t.restart(), null,
                t.hostname(), t.domainname(), t.user(), t.workingDir(), t.privileged(), t.readOnly(), t.init(),
                t.tty(), t.stdinOpen(), t.capAdd(), t.capDrop(), t.dns(), t.dnsSearch(), t.dnsOpt(), t.extraHosts(),
                t.securityOpt(), t.groupAdd(), t.tmpfs(), t.devices(), t.sysctls(), t.ulimits(), t.stopSignal(),
                t.stopGracePeriod(), t.resources(), 0, t.profiles(), t.logging(), t.secrets(), t.configs(), t.ipc(),
                t.pid(), t.macAddress(), t.definition());
    }
}

package dev.jcompose.app;

import dev.jcompose.app.build.BuildOptions;
import dev.jcompose.app.build.BuildPolicy;
import dev.jcompose.app.build.Builder;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.Executor;
import dev.jcompose.exec.Observer;
import dev.jcompose.exec.PortPreflight;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.exec.ProjectLock;
import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.plan.DownOptions;
import dev.jcompose.plan.Plan;
import dev.jcompose.plan.ReconcileOptions;
import dev.jcompose.plan.Reconciler;
import dev.jcompose.state.ObservedProject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The composition root of the project-changing commands: lock → observe → resolve images → reconcile → execute
 * → wait. One instance per command run; the engine is closed by the caller.
 */
public final class ComposeApp {
    private final EngineSelector.Selected engine;
    private final Project project;
    private final ProgressListener listener;
    private final int parallel;
    private final Map<String, String> env;

    public ComposeApp(EngineSelector.Selected engine, Project project, ProgressListener listener, int parallel,
            Map<String, String> env) {
        this.engine = engine;
        this.project = project;
        this.listener = listener;
        this.parallel = parallel;
        this.env = env;
    }

    public Project project() {
        return project;
    }

    /** Computes the plan `up` would run (no lock, no change). */
    public Plan plan(UpRequest req) {
        checkServices(req.services());
        ObservedProject observed = Observer.observe(engine.engine(), project);
        Map<String, String> digests = ImageResolver.present(engine.engine(), project, selected(req.services()));
        return Reconciler.reconcile(project, observed, options(req, digests));
    }

    /** Converges the engine to the project, building missing images. Returns the plan that was run. */
    public Plan up(UpRequest req) {
        return up(req, BuildPolicy.MISSING);
    }

    /** `up` with its build flags: --build (ALWAYS), default (MISSING), --no-build (NEVER). */
    public Plan up(UpRequest req, BuildPolicy build) {
        checkServices(req.services());
        try (ProjectLock lock = ProjectLock.acquire(ProjectLock.defaultDir(), project.name(), lockWait(),
                listener::warn)) {
            ObservedProject observed = Observer.observe(engine.engine(), project);
            Map<String, String> digests = req.dryRun()
                    ? ImageResolver.present(engine.engine(), project, selected(req.services()))
                    : buildAndResolve(req, build);
            Plan plan = Reconciler.reconcile(project, observed, options(req, digests));
            if (req.dryRun()) {
                return plan;
            }
            if (engine.local()) {
                PortPreflight.check(engine.engine(), project, plan);
            }
            new Executor(engine.engine(), project, listener, new Executor.Options(parallel, engine.local(),
                    req.stopTimeout())).execute(plan);
            if (req.waitReady() && !req.noStart()) {
                new ReadinessWaiter(engine.engine(), project, listener).await(selectedNames(req.services()),
                        req.waitTimeout());
            }
            return plan;
        }
    }

    /** Stops and removes the project's containers and networks (and volumes with -v). */
    public Plan down(DownOptions options, Duration stopTimeout, boolean dryRun) {
        try (ProjectLock lock = ProjectLock.acquire(ProjectLock.defaultDir(), project.name(), lockWait(),
                listener::warn)) {
            ObservedProject observed = Observer.observe(engine.engine(), project);
            Plan plan = Reconciler.down(project, observed, options);
            if (!dryRun) {
                new Executor(engine.engine(), project, listener, new Executor.Options(parallel, engine.local(),
                        stopTimeout)).execute(plan);
            }
            return plan;
        }
    }

    /**
     * Builds what must be built (before anything is created), then pulls/resolves the other images of the
     * services `up` starts; services it leaves alone only get the id of an image already present.
     */
    private Map<String, String> buildAndResolve(UpRequest req, BuildPolicy policy) {
        Collection<String> wanted = req.services().isEmpty() ? project.serviceNames()
                : req.noDeps() ? req.services() : ProjectGraph.of(project).withDependencies(req.services());
        List<Service> started = selected(req.services()).stream().filter(s -> wanted.contains(s.name())).toList();
        List<Service> others = selected(req.services()).stream().filter(s -> !wanted.contains(s.name())).toList();
        Builder builder = new Builder(engine.engine(), project, listener);
        Map<String, String> digests = new TreeMap<>(builder.build(builder.toBuild(started, policy),
                BuildOptions.defaults(parallel)));
        List<Service> rest = started.stream().filter(s -> !digests.containsKey(s.name())).toList();
        // An image named after the service only comes from a build: never pulled, even with --pull always.
        digests.putAll(ImageResolver.resolve(engine.engine(), project,
                rest.stream().filter(s -> s.build() == null || s.image() != null).toList(), req.pull(), listener));
        digests.putAll(ImageResolver.resolve(engine.engine(), project,
                rest.stream().filter(s -> s.build() != null && s.image() == null).toList(), null, listener));
        digests.putAll(ImageResolver.present(engine.engine(), project, others));
        return digests;
    }

    private Duration lockWait() {
        String s = env.get("JCOMPOSE_LOCK_WAIT");
        try {
            return Duration.ofSeconds(s == null ? 600 : Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(600);
        }
    }

    private ReconcileOptions options(UpRequest req, Map<String, String> digests) {
        boolean ignoreOrphans = "true".equalsIgnoreCase(env.getOrDefault("COMPOSE_IGNORE_ORPHANS", ""));
        boolean removeOrphans = req.removeOrphans()
                || "true".equalsIgnoreCase(env.getOrDefault("COMPOSE_REMOVE_ORPHANS", ""));
        return ReconcileOptions.builder()
                .services(req.services())
                .forceRecreate(req.forceRecreate())
                .noRecreate(req.noRecreate())
                .noDeps(req.noDeps())
                .alwaysRecreateDeps(req.alwaysRecreateDeps())
                .removeOrphans(removeOrphans)
                .ignoreOrphans(ignoreOrphans)
                .renewAnonVolumes(req.renewAnonVolumes())
                .noStart(req.noStart())
                .scale(req.scale())
                .imageDigests(digests)
                .build();
    }

    private void checkServices(List<String> names) {
        for (String n : names) {
            if (!project.services().containsKey(n)) {
                if (project.disabledServices().containsKey(n)) {
                    throw ComposeException.usage("service " + n + " is disabled by profiles "
                            + project.disabledServices().get(n).profiles());
                }
                throw new ComposeException(ComposeException.Kind.USAGE, "no such service: " + n);
            }
        }
    }

    private List<Service> selected(List<String> names) {
        if (names.isEmpty()) {
            return new ArrayList<>(project.services().values());
        }
        // Dependencies are converged too (unless --no-deps, which the reconciler handles): resolve all images.
        return new ArrayList<>(project.services().values());
    }

    private List<String> selectedNames(List<String> names) {
        return names.isEmpty() ? project.serviceNames() : names;
    }
}

package dev.jcompose.app;

import dev.jcompose.app.build.BuildOptions;
import dev.jcompose.app.build.BuildPolicy;
import dev.jcompose.app.build.Builder;
import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.Stdio;
import dev.jcompose.engine.Subscription;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.DependencyWaiter;
import dev.jcompose.exec.FileInjector;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.ConfigHash;
import dev.jcompose.state.DesiredLabels;
import dev.jcompose.state.Labels;
import dev.jcompose.state.Names;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * `run`: converge the target's dependencies and infrastructure as `up` would, wait for its depends_on
 * conditions, create the one-off container {@code project-service-run-<12 hex>} (labels oneoff=True and the
 * slug), then either start it detached or attach, start and wait, returning the container's exit code.
 */
public final class RunService {
    /** A created one-off container and how to run it. */
    public record OneOff(String id, String name, boolean tty, boolean interactive, boolean remove) {
    }

    private final EngineSelector.Selected selected;
    private final Engine engine;
    private final Project project;
    private final ProgressListener listener;
    private final int parallel;
    private final Map<String, String> env;
    private final RandomGenerator random;

    public RunService(EngineSelector.Selected engine, Project project, ProgressListener listener, int parallel,
            Map<String, String> env, RandomGenerator random) {
        this.selected = engine;
        this.engine = engine.engine();
        this.project = project;
        this.listener = listener;
        this.parallel = parallel;
        this.env = env;
        this.random = random;
    }

    /** Everything up to a created (not started) container. Failures leave no one-off container behind. */
    public OneOff create(RunRequest req) {
        return create(req, BuildPolicy.MISSING);
    }

    /**
     * As {@link #create(RunRequest)}, building images under {@code build}: MISSING builds the target's image when
     * it is absent; ALWAYS (run --build) rebuilds the target and its dependencies that have a build section, as
     * compose's run --build sets pull_policy build on every service.
     */
    public OneOff create(RunRequest req, BuildPolicy build) {
        Service target = target(req.service());
        if (req.servicePorts() && !req.publish().isEmpty()) {
            throw ComposeException.usage("--service-ports and --publish are incompatible");
        }
        OneOffSpec.labels(req.labels()); // reject a bad -l before anything changes
        Builder builder = new Builder(engine, project, listener);
        builder.build(builder.toBuild(List.of(target), build), BuildOptions.defaults(parallel));
        startDependencies(target, req, build);
        if (!req.noDeps()) {
            awaitDependencies(target);
        }
        String slug = Names.newSlug(random);
        String name = req.name() != null && !req.name().isEmpty() ? req.name()
                : Names.oneOffContainer(project.name(), target.name(), slug);
        String digest = ImageResolver.present(engine, project, List.of(target)).get(target.name());
        Map<String, String> labels = DesiredLabels.forOneOff(project, target, slug, ConfigHash.of(project, target), digest);
        ContainerSpec spec = OneOffSpec.build(project, target, name, labels, req, this::containerOf);
        FileInjector.check(project, target);
        String id = engine.createContainer(spec);
        try {
            FileInjector.inject(engine, project, target, id);
        } catch (RuntimeException e) {
            removeQuietly(id); // a one-off that cannot get its secrets is not left behind
            throw e;
        }
        return new OneOff(id, name, req.tty(), req.interactive(), req.remove());
    }

    /** run -d: start and return; the engine removes the container at its exit when --rm was given. */
    public void startDetached(OneOff c) {
        engine.startContainer(c.id());
    }

    /**
     * Attaches (before start, so no output is lost), starts, waits for the output to end and returns the exit
     * code. {@code started} runs once the container runs (the CLI resizes the tty and forwards signals then).
     * With --rm the container and its anonymous volumes are removed afterwards, whatever happened.
     */
    public int runAttached(OneOff c, Stdio stdio, Runnable started) {
        Stdio streams = c.interactive() ? stdio : new Stdio(null, stdio.stdout(), stdio.stderr(), stdio.size());
        try {
            try (Subscription output = engine.attach(c.id(), c.tty(), streams)) {
                engine.startContainer(c.id());
                if (c.tty() && stdio.size() != null) {
                    resize(c, stdio.size());
                }
                started.run();
                output.awaitCompletion();
            }
            return engine.waitContainer(c.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "run interrupted");
        } finally {
            if (c.remove()) {
                removeQuietly(c.id());
            }
        }
    }

    private Service target(String name) {
        Service s = project.service(name);
        if (s == null) {
            if (project.disabledServices().containsKey(name)) {
                throw ComposeException.usage("service " + name + " is disabled by profiles "
                        + project.disabledServices().get(name).profiles());
            }
            throw ComposeException.usage("no such service: " + name);
        }
        return s;
    }

    private void startDependencies(Service target, RunRequest req, BuildPolicy build) {
        RunScope scope = RunScope.of(project, target);
        UpRequest up = new UpRequest(List.of(scope.standIn()), false, false, req.noDeps(), false, false,
                req.removeOrphans(), false, Map.of(), req.pull(), req.quietPull(), false, null, null, false);
        new ComposeApp(selected, scope.project(), listener, parallel, env).up(up, build);
    }

    private void awaitDependencies(Service target) {
        try {
            new DependencyWaiter(engine, project, listener).awaitDependencies(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComposeException(ComposeException.Kind.INTERRUPTED, "run interrupted");
        }
    }

    /** For network_mode / volumes_from service:x: the running container of x. */
    private String containerOf(String service) {
        List<ContainerSummary> found = engine.listContainers(List.of(Labels.PROJECT + "=" + project.name(),
                Labels.SERVICE + "=" + service, Labels.ONEOFF + "=" + Labels.FALSE), false);
        if (found.isEmpty()) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, "service \"" + service
                    + "\" has no running container");
        }
        return found.getFirst().id();
    }

    private void resize(OneOff c, Stdio.TtySize size) {
        try {
            engine.resizeTty(c.id(), size.rows(), size.columns());
        } catch (ComposeException ignored) {
            // a container that is already done has no tty to size
        }
    }

    private void removeQuietly(String id) {
        try {
            engine.removeContainer(id, true, true);
        } catch (RuntimeException e) {
            if (!EngineErrors.isNotFound(e)) {
                listener.warn("could not remove " + id + ": " + e.getMessage());
            }
        }
    }
}

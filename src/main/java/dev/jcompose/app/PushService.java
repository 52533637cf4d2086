package dev.jcompose.app;

import dev.jcompose.engine.Engine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * `push`: pushes the images of the services that have both a build section and an image name, as compose does:
 * the image: reference and every build.tags entry; other services are "Skipped". The first failure stops the push
 * and fails the command, unless --ignore-push-failures, which turns failures into warnings.
 */
public final class PushService {
    /** The services named (all when none), with their dependencies when includeDeps. */
    public record Request(List<String> services, boolean includeDeps, boolean ignoreFailures, boolean quiet) {
        public Request {
            services = List.copyOf(services);
        }
    }

    private static final String SERVICE = "Service";
    private static final String IMAGE = "Image";

    private final Engine engine;
    private final Project project;
    private final ProgressListener listener;

    public PushService(Engine engine, Project project, ProgressListener listener) {
        this.engine = engine;
        this.project = project;
        this.listener = listener;
    }

    /** Returns the references pushed. */
    public List<String> push(Request req) {
        List<String> pushed = new ArrayList<>();
        for (Service s : selected(req)) {
            if (s.build() == null || s.image() == null || s.image().isEmpty()) {
                listener.on(ProgressEvent.done(SERVICE, s.name(), "Skipped"));
                continue;
            }
            Set<String> tags = new LinkedHashSet<>();
            tags.add(s.image());
            tags.addAll(s.build().tags());
            for (String tag : tags) {
                if (pushOne(tag, req)) {
                    pushed.add(tag);
                }
            }
        }
        return pushed;
    }

    private boolean pushOne(String tag, Request req) {
        listener.on(ProgressEvent.working(IMAGE, tag, "Pushing"));
        try {
            engine.pushImage(tag, line -> {
                if (!req.quiet() && !line.isEmpty()) {
                    listener.on(new ProgressEvent(IMAGE, tag, ProgressEvent.Status.WORKING, "Pushing", line));
                }
            });
        } catch (ComposeException e) {
            if (!req.ignoreFailures()) {
                listener.on(ProgressEvent.error(IMAGE, tag, "Error", e.getMessage()));
                throw new ComposeException(e.kind(), "failed to push " + tag + ": " + e.getMessage(), e);
            }
            listener.on(new ProgressEvent(IMAGE, tag, ProgressEvent.Status.WARNING, "Warning", e.getMessage()));
            return false;
        }
        listener.on(ProgressEvent.done(IMAGE, tag, "Pushed"));
        return true;
    }

    private Collection<Service> selected(Request req) {
        for (String s : req.services()) {
            if (!project.services().containsKey(s)) {
                throw ComposeException.usage("no such service: " + s);
            }
        }
        if (req.services().isEmpty()) {
            return project.services().values();
        }
        Collection<String> names = req.includeDeps() ? ProjectGraph.of(project).withDependencies(req.services())
                : req.services();
        return names.stream().map(project::service).toList();
    }
}

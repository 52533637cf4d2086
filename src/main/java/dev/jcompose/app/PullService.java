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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `pull`: pulls the services' images, compose's way: a service without image, or with pull_policy never or
 * build, is skipped; missing/if_not_present skip an image already present; each image is pulled once. An image
 * that can be neither pulled nor built stops the pull at once; any failure fails the command unless
 * --ignore-pull-failures. Services that can be built are named in a warning.
 */
public final class PullService {
    private static final String KIND = "Service";

    private final Engine engine;
    private final Project project;
    private final ProgressListener listener;

    public PullService(Engine engine, Project project, ProgressListener listener) {
        this.engine = engine;
        this.project = project;
        this.listener = listener;
    }

    public void pull(PullRequest req) {
        for (String s : req.services()) {
            if (!project.services().containsKey(s)) {
                throw ComposeException.usage("no such service: " + s);
            }
        }
        List<String> mustBuild = new ArrayList<>();
        ComposeException firstFailure = null;
        Map<String, String> pulling = new LinkedHashMap<>();
        for (Service s : selected(req)) {
            String policy = req.policy() != null && s.image() != null ? req.policy() : s.pullPolicy();
            String skip = skipReason(s, policy, req, pulling);
            if (skip != null) {
                listener.on(ProgressEvent.done(KIND, s.name(), skip));
                continue;
            }
            pulling.put(s.image(), s.name());
            listener.on(ProgressEvent.working(KIND, s.name(), "Pulling"));
            try {
                engine.pullImage(s.image(), line -> {
                    if (!req.quiet()) {
                        listener.on(new ProgressEvent(KIND, s.name(), ProgressEvent.Status.WORKING, "Pulling", line));
                    }
                });
                listener.on(ProgressEvent.done(KIND, s.name(), "Pulled"));
            } catch (ComposeException e) {
                boolean buildable = s.build() != null;
                listener.on(new ProgressEvent(KIND, s.name(), buildable ? ProgressEvent.Status.WARNING
                        : ProgressEvent.Status.ERROR, buildable ? "Warning" : "Error", e.getMessage()));
                if (buildable) {
                    mustBuild.add(s.name());
                }
                firstFailure = firstFailure == null ? e : firstFailure;
                if (!buildable && !req.ignoreFailures()) {
                    break; // fail fast: this image can be neither pulled nor built
                }
            }
        }
        if (!mustBuild.isEmpty()) {
            listener.warn("WARNING: Some service image(s) must be built from source by running:\n    jcompose build "
                    + String.join(" ", mustBuild));
        }
        if (firstFailure != null && !req.ignoreFailures()) {
            throw firstFailure;
        }
    }

    private Collection<Service> selected(PullRequest req) {
        if (req.services().isEmpty()) {
            return project.services().values();
        }
        Collection<String> names = req.includeDeps() ? ProjectGraph.of(project).withDependencies(req.services())
                : req.services();
        return names.stream().map(project::service).filter(s -> s != null).toList();
    }

    private String skipReason(Service s, String policy, PullRequest req, Map<String, String> pulling) {
        if (s.image() == null || s.image().isEmpty()) {
            return "Skipped - No image to be pulled";
        }
        String p = policy == null ? "" : policy;
        if (p.equals("never") || p.equals("build")) {
            return "Skipped";
        }
        if ((p.equals("missing") || p.equals("if_not_present")) && engine.findImage(s.image()).isPresent()) {
            return "Skipped - Image is already present locally";
        }
        if (s.build() != null && req.ignoreBuildable()) {
            return "Skipped - Image can be built";
        }
        if (pulling.containsKey(s.image())) {
            return "Skipped - Image is already being pulled by " + pulling.get(s.image());
        }
        return null;
    }
}

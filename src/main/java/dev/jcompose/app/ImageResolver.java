package dev.jcompose.app;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.Names;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes sure every service's image is present (pulling per pull_policy / --pull) and returns its id per service:
 * the value of the com.docker.compose.image label, so a changed image recreates exactly its services.
 */
final class ImageResolver {
    private ImageResolver() {
    }

    /** Resolves what is present and never pulls: for planning, where a missing image is not an error. */
    static Map<String, String> present(Engine engine, Project project, Collection<Service> services) {
        Map<String, String> digests = new TreeMap<>();
        Map<String, Optional<ImageInfo>> seen = new HashMap<>();
        for (Service s : services) {
            String ref = s.image() != null ? s.image() : Names.defaultImage(project.name(), s.name());
            seen.computeIfAbsent(ref, engine::findImage).ifPresent(i -> digests.put(s.name(), i.id()));
        }
        return digests;
    }

    static Map<String, String> resolve(Engine engine, Project project, Collection<Service> services, String pullFlag,
            ProgressListener listener) {
        Map<String, String> digests = new TreeMap<>();
        // Services often share an image: inspect (and pull) each reference once, not once per service.
        Map<String, Optional<ImageInfo>> resolved = new HashMap<>();
        for (Service s : services) {
            String ref = s.image() != null ? s.image() : Names.defaultImage(project.name(), s.name());
            String policy = pullFlag != null ? pullFlag : s.pullPolicy() == null ? "missing" : s.pullPolicy();
            Optional<ImageInfo> known = resolved.get(ref);
            if (known != null && known.isPresent()) {
                digests.put(s.name(), known.get().id());
                continue;
            }
            Optional<ImageInfo> found = "always".equals(policy) ? Optional.empty() : engine.findImage(ref);
            if (found.isEmpty()) {
                if ("never".equals(policy)) {
                    throw new ComposeException(ComposeException.Kind.NOT_FOUND, "service " + s.name() + ": image "
                            + ref + " not found locally and pull_policy is never");
                }
                if (s.image() == null || "build".equals(policy)) {
                    throw new ComposeException(ComposeException.Kind.NOT_FOUND, "service " + s.name()
                            + " has no image " + ref + ": build it first (`jcompose build " + s.name() + "`)");
                }
                listener.on(ProgressEvent.working("Image", ref, "Pulling"));
                try {
                    engine.pullImage(ref, line -> { });
                } catch (ComposeException e) {
                    listener.on(ProgressEvent.error("Image", ref, "Error", e.getMessage()));
                    throw new ComposeException(ComposeException.Kind.NOT_FOUND, "service " + s.name()
                            + ": image " + ref + " is not present and could not be pulled: " + e.getMessage(), e);
                }
                listener.on(ProgressEvent.done("Image", ref, "Pulled"));
                found = engine.findImage(ref);
            }
            resolved.put(ref, found);
            found.ifPresent(i -> digests.put(s.name(), i.id()));
        }
        return digests;
    }
}

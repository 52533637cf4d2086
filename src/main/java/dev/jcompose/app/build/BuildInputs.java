package dev.jcompose.app.build;

import dev.jcompose.engine.BuildSpec;
import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Build;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.DesiredLabels;
import dev.jcompose.state.Labels;
import dev.jcompose.state.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What one service's build sends to the engine, derived from its {@code build:} section as docker compose derives
 * it: tags = the image name then build.tags; args = build.args overridden by --build-arg (a flag without value
 * takes the project environment's, unset ones are dropped); labels = build.labels plus compose's project, service
 * and version labels. Options the classic builder of the Docker API 1.41 cannot honour are refused up front.
 */
final class BuildInputs {
    /** The image label compose writes to say which builder made the image. */
    static final String BUILDER_LABEL = "com.docker.compose.image.builder";

    private BuildInputs() {
    }

    /** The name the built image gets and containers are created from. */
    static String imageName(Project project, Service service) {
        return service.image() != null && !service.image().isEmpty() ? service.image()
                : Names.defaultImage(project.name(), service.name());
    }

    /** Fails (before anything is built) for the first service that asks for what the classic builder lacks. */
    static void checkSupported(Collection<Service> services) {
        for (Service s : services) {
            Build b = s.build();
            Object raw = s.definition().get("build");
            Map<?, ?> def = raw instanceof Map<?, ?> m ? m : Map.of();
            refuse(s, "additional_contexts",
                    !b.additionalContexts().isEmpty() || nonEmpty(def.get("additional_contexts")));
            refuse(s, "ssh", nonEmpty(def.get("ssh")));
            refuse(s, "secrets", nonEmpty(def.get("secrets")));
            refuse(s, "privileged", Boolean.TRUE.equals(def.get("privileged")));
            if (def.get("platforms") instanceof List<?> platforms && platforms.size() > 1) {
                refuse(s, "platforms (multi-platform builds)", true);
            }
            if (b.context() == null || !Path.of(b.context()).isAbsolute()) {
                throw ComposeException.config("service \"" + s.name() + "\": build context \"" + b.context()
                        + "\" is not a local directory; jcompose builds local contexts only (remote Git and URL "
                        + "contexts are not supported)");
            }
        }
    }

    private static void refuse(Service s, String key, boolean used) {
        if (used) {
            throw ComposeException.config("service \"" + s.name() + "\": build." + key + " is not supported by "
                    + "the Docker API 1.41 classic builder (it needs BuildKit, which this API does not offer)");
        }
    }

    private static boolean nonEmpty(Object value) {
        return value instanceof Collection<?> c ? !c.isEmpty() : value instanceof Map<?, ?> m ? !m.isEmpty()
                : value != null;
    }

    static BuildSpec spec(Project project, Service service, ContextPacker.Packed context, BuildOptions options) {
        Build b = service.build();
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        tags.add(imageName(project, service));
        tags.addAll(b.tags());
        return new BuildSpec(context.tar(), context.dockerfile(), new ArrayList<>(tags),
                args(project, b, options.buildArgs()), emptyToNull(b.target()), labels(project, service),
                b.cacheFrom(), b.noCache() || options.noCache(), b.pull() || options.pull(), emptyToNull(b.network()),
                b.shmSize(), b.extraHosts()); // the binder already wrote extra hosts as docker's "host:ip"
    }

    static Map<String, String> args(Project project, Build build, Map<String, String> overrides) {
        Map<String, String> args = new LinkedHashMap<>(build.args());
        overrides.forEach((key, value) -> {
            String resolved = value != null ? value : project.environment().get(key);
            if (resolved == null) {
                args.remove(key);
            } else {
                args.put(key, resolved);
            }
        });
        return args;
    }

    static Map<String, String> labels(Project project, Service service) {
        Map<String, String> labels = new LinkedHashMap<>(service.build().labels());
        labels.put(Labels.VERSION, DesiredLabels.COMPOSE_VERSION);
        labels.put(Labels.PROJECT, project.name());
        labels.put(Labels.SERVICE, service.name());
        labels.put(BUILDER_LABEL, "classic");
        return labels;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

package dev.jcompose.app.build;

import dev.jcompose.engine.BuildFailedException;
import dev.jcompose.engine.BuildSpec;
import dev.jcompose.engine.Engine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.graph.GraphWalker;
import dev.jcompose.graph.ProjectGraph;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds service images: decides which services `up` must build, packs each context, runs the builds on the
 * engine (dependencies first, independent services in parallel on virtual threads, at most --parallel at once)
 * and reports progress per service, each output line as the detail of a "Building" event. A failed build stops
 * new builds from starting and fails with the engine's message, the tail of the build's output and its status.
 * Building changes no container or network: `up` builds before it plans anything.
 */
public final class Builder {
    /** The resource kind of build progress events, as docker compose shows them ("Service web  Built"). */
    public static final String KIND = "Service";
    private static final int OUTPUT_TAIL = 30;

    private final Engine engine;
    private final Project project;
    private final ProgressListener listener;

    public Builder(Engine engine, Project project, ProgressListener listener) {
        this.engine = engine;
        this.project = project;
        this.listener = listener;
    }

    /**
     * The services among {@code candidates} that `up` builds under {@code policy}: those with a build section
     * whose image is missing or whose pull_policy is build, or all of them with --build; none with --no-build.
     */
    public List<Service> toBuild(Collection<Service> candidates, BuildPolicy policy) {
        List<Service> out = new ArrayList<>();
        if (policy == BuildPolicy.NEVER) {
            return out;
        }
        for (Service s : sorted(candidates)) {
            if (s.build() != null && (policy == BuildPolicy.ALWAYS || "build".equals(s.pullPolicy())
                    || engine.findImage(BuildInputs.imageName(project, s)).isEmpty())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The name the service's built image gets: its image: or {@code <project>-<service>}. */
    public String imageName(Service service) {
        return BuildInputs.imageName(project, service);
    }

    /** Builds the services that have a build section; returns the image id per service name. */
    public Map<String, String> build(Collection<Service> services, BuildOptions options) {
        List<Service> buildable = sorted(services).stream().filter(s -> s.build() != null).toList();
        if (buildable.isEmpty()) {
            return Map.of();
        }
        BuildInputs.checkSupported(buildable);
        // Services sharing an image name build it once (the first by name); the others get its id.
        Map<String, Service> byImage = new TreeMap<>();
        buildable.forEach(s -> byImage.putIfAbsent(BuildInputs.imageName(project, s), s));
        Map<String, String> idsByImage = new ConcurrentHashMap<>();
        Map<String, Service> builders = new TreeMap<>();
        byImage.forEach((image, s) -> builders.put(s.name(), s));
        ProjectGraph.of(project).serviceWalker().walk(GraphWalker.Direction.DEPENDENCIES_FIRST, options.parallel(),
                name -> {
                    Service s = builders.get(name);
                    if (s != null) {
                        idsByImage.put(BuildInputs.imageName(project, s), buildOne(s, options));
                    }
                });
        Map<String, String> ids = new TreeMap<>();
        buildable.forEach(s -> ids.put(s.name(), idsByImage.get(BuildInputs.imageName(project, s))));
        return ids;
    }

    private String buildOne(Service service, BuildOptions options) throws IOException {
        String name = service.name();
        listener.on(ProgressEvent.working(KIND, name, "Building"));
        Deque<String> tail = new ArrayDeque<>();
        Path tar = Files.createTempFile("jcompose-context-", ".tar");
        try {
            ContextPacker.Packed packed = ContextPacker.pack(Path.of(service.build().context()),
                    service.build().dockerfile(), service.build().dockerfileInline(), tar);
            BuildSpec spec = BuildInputs.spec(project, service, packed, options);
            output(service, tail, "Sending build context to the engine  " + size(packed.size()));
            String id = engine.buildImage(spec, line -> output(service, tail, line));
            listener.on(ProgressEvent.done(KIND, name, "Built"));
            return id;
        } catch (BuildFailedException e) {
            listener.on(ProgressEvent.error(KIND, name, "Error", e.getMessage()));
            throw new BuildFailedException(failure(name, e.getMessage(), tail), e.exitCode(), e);
        } catch (ComposeException e) {
            listener.on(ProgressEvent.error(KIND, name, "Error", e.getMessage()));
            throw new ComposeException(e.kind(), "service \"" + name + "\": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    private void output(Service service, Deque<String> tail, String line) {
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > OUTPUT_TAIL) {
                tail.removeFirst();
            }
        }
        listener.on(ProgressEvent.working(KIND, service.name(), "Building").withDetail(line));
    }

    /** The engine's message, then the last lines of output, which a redrawn tty display has scrolled away. */
    private static String failure(String service, String message, Deque<String> tail) {
        StringBuilder b = new StringBuilder("failed to build service \"").append(service).append("\": ")
                .append(message);
        synchronized (tail) {
            tail.forEach(line -> b.append("\n  | ").append(line));
        }
        return b.toString();
    }

    private static String size(long bytes) {
        return bytes < 1000 ? bytes + "B" : bytes < 1_000_000 ? String.format("%.3fkB", bytes / 1e3)
                : String.format("%.2fMB", bytes / 1e6);
    }

    private static List<Service> sorted(Collection<Service> services) {
        return services.stream().sorted(Comparator.comparing(Service::name)).toList();
    }
}

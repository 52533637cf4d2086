package dev.jcompose.load;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.bind.Binder;
import dev.jcompose.load.discover.ProjectName;
import dev.jcompose.load.discover.ProjectSources;
import dev.jcompose.load.discover.SourceFile;
import dev.jcompose.load.merge.Merger;
import dev.jcompose.load.normalize.Normalizer;
import dev.jcompose.load.profile.Profiles;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.validate.Consistency;
import dev.jcompose.load.validate.SchemaValidator;
import dev.jcompose.model.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.regex.Pattern;
import dev.jcompose.load.interpolate.Template;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.yaml.YamlParser;

/**
 * Runs the loader phases in their fixed order:
 * sources (files, .env) → per file: parse → interpolate → include → extends → merge → schema → name → profiles
 * → normalise → consistency → bind.
 */
public final class ProjectLoader {
    private ProjectLoader() {
    }

    /** A loaded project with the trees `config` prints. */
    public record Loaded(Project project, MapNode canonical, ProjectSources sources, List<String> warnings) {
    }

    public static Loaded load(LoadOptions options) {
        Warnings warnings = new Warnings();
        ProjectSources sources = ProjectSources.resolve(options, warnings);
        Map<String, String> environment = withProjectName(options, sources);

        List<MapNode> documents = new ArrayList<>();
        for (SourceFile file : sources.files()) {
            documents.addAll(FileAssembler.assemble(file, sources.projectDir(), environment, options, warnings));
        }
        MapNode merged = Merger.merge(documents);
        if (merged.size() == 0) {
            // An empty override file is fine; a project with nothing at all is a wrong path or a truncated write.
            throw ComposeException.config(sources.files().get(0).label() + ": empty compose file");
        }
        if (options.interpolate()) {
            // Uninterpolated values (${X} in a port) cannot be checked against the schema's types.
            SchemaValidator.validate(merged);
        }
        String name = ProjectName.resolve(options.projectName(), sources.environment(), merged,
                sources.projectDir());
        merged = merged.with("name", ScalarNode.of(merged.keyMark("name"), name));

        Profiles.Split split = Profiles.apply(merged, activeProfiles(options, sources), options.services());
        MapNode canonical = split.enabled();
        MapNode disabled = split.disabledServices();
        // Canonical syntax always (config --no-normalize still prints long syntax); compose's normalisation
        // (default network, names, implicit depends_on) only when asked.
        Normalizer.Context ctx = new Normalizer.Context(name, sources.projectDir(), sources.environment(),
                options.resolvePaths(), options.normalize(), !options.interpolate(), true);
        canonical = Normalizer.normalize(canonical, ctx, warnings);
        disabled = Normalizer.normalize(MapNode.builder(disabled.mark()).put("name", merged.get("name"))
                .put("services", disabled).build(), ctx.withoutEnvironmentResolution(), warnings)
                .get("services") instanceof MapNode m ? m : disabled;
        if (options.consistency() && options.normalize()) {
            Consistency.check(canonical);
        }
        List<Path> configFiles = sources.files().stream().map(f -> f.path() == null ? Path.of("-") : f.path())
                .toList();
        Project project = options.normalize()
                ? Binder.bind(name, sources.projectDir(), configFiles, canonical, disabled, sources.environment())
                : null;
        return new Loaded(project, canonical, sources, warnings.list());
    }

    private static final Pattern TOP_LEVEL_NAME = Pattern.compile("(?m)^name\\s*:");

    /**
     * Compose sets COMPOSE_PROJECT_NAME before interpolating, so ${COMPOSE_PROJECT_NAME} in a file sees the final
     * name: -p, else the variable itself, else the last top-level name: of the files, else the directory.
     */
    static Map<String, String> withProjectName(LoadOptions options, ProjectSources sources) {
        Map<String, String> env = sources.environment();
        String fromEnv = env.get(ProjectName.ENV);
        if ((options.projectName() == null || options.projectName().isEmpty()) && fromEnv != null
                && !fromEnv.isEmpty()) {
            return env;
        }
        MapNode names = MapNode.empty(Mark.UNKNOWN);
        if (options.projectName() == null || options.projectName().isEmpty()) {
            for (SourceFile f : sources.files()) {
                if (!TOP_LEVEL_NAME.matcher(f.content()).find()) {
                    continue; // most files have no name: skip the parse
                }
                for (Node doc : YamlParser.parseAll(f.label(), f.content())) {
                    if (doc instanceof MapNode m && m.get("name") instanceof ScalarNode n && n.isString()) {
                        String v = n.text();
                        try {
                            v = options.interpolate() ? Template.substitute(v, env::get, k -> { }) : v;
                        } catch (RuntimeException e) {
                            // an invalid template is reported with its position by the interpolation phase
                        }
                        names = names.with("name", ScalarNode.of(n.mark(), v));
                    }
                }
            }
        }
        String name = ProjectName.resolve(options.projectName(), env, names, sources.projectDir());
        Map<String, String> out = new java.util.HashMap<>(env);
        out.put(ProjectName.ENV, name);
        return Map.copyOf(out);
    }

    /** --profile values plus COMPOSE_PROFILES (comma-separated) from the project environment. */
    static Set<String> activeProfiles(LoadOptions options, ProjectSources sources) {
        Set<String> active = new LinkedHashSet<>(options.profiles());
        String env = sources.environment().get("COMPOSE_PROFILES");
        if (options.profiles().isEmpty() && env != null && !env.isBlank()) {
            Arrays.stream(env.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(active::add);
        }
        return active;
    }
}

package dev.jcompose.load.normalize;

import dev.jcompose.load.Warnings;
import dev.jcompose.load.paths.PathResolver;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import java.nio.file.Path;
import java.util.Map;

/**
 * Canonical form: short syntax → long syntax (ports, volumes, depends_on, env_file, secrets, configs,
 * healthcheck, networks...), defaults (build.context ".", dockerfile "Dockerfile", the default network), names of
 * networks/volumes (project_key), environment resolved (env_file applied), relative paths made absolute.
 *
 * <p>The result is what compose-go's typed model prints for {@code docker compose config}: values typed as the
 * model types them (ports published as strings, byte sizes as decimal strings, durations in Go form, file modes
 * as octal strings) and zero values left out. Marks of the source values are kept.
 */
public final class Normalizer {
    private static final Map<String, Field> SERVICE = ServiceFields.service(false);
    private static final Map<String, Field> SERVICE_LENIENT = Fields.lenient(ServiceFields.service(true));
    /** The project's keys in compose-go's order; the sections are converted before. */
    private static final Map<String, Field> ROOT_ORDER = Fields.table("name", Fields.raw(), "services",
            Fields.raw(), "networks", Fields.raw(), "volumes", Fields.raw(), "secrets", Fields.raw(), "configs",
            Fields.raw(), "models", Fields.raw());

    private Normalizer() {
    }

    /**
     * Inputs of the normalisation.
     *
     * @param normalize          false for config --no-normalize: canonical syntax only, no default network,
     *                           names or implicit dependencies (compose-go's SkipNormalization)
     * @param lenient            keep unparsable short syntax as written (config --no-interpolate)
     * @param resolveEnvironment read env_file/label_file into environment/labels (not for disabled services)
     */
    public record Context(String projectName, Path projectDir, Map<String, String> environment,
            boolean resolvePaths, boolean normalize, boolean lenient, boolean resolveEnvironment) {
        public Context {
            environment = Map.copyOf(environment);
        }

        public Context(String projectName, Path projectDir, Map<String, String> environment,
                boolean resolvePaths) {
            this(projectName, projectDir, environment, resolvePaths, true, false, true);
        }

        public Context withoutEnvironmentResolution() {
            return new Context(projectName, projectDir, environment, resolvePaths, normalize, lenient, false);
        }

        String home() {
            String home = environment.get("HOME");
            return home != null && !home.isEmpty() ? home : System.getProperty("user.home");
        }
    }

    public static MapNode normalize(MapNode root, Context context, Warnings warnings) {
        MapNode out = canonical(root, context, warnings);
        if (context.resolvePaths()) {
            out = PathResolver.resolve(out, context.projectDir(), context.home());
        }
        if (context.resolveEnvironment() && out.get("services") instanceof MapNode services) {
            out = out.with("services", services.mapValues((name, s) -> s instanceof MapNode m
                    ? EnvironmentResolver.resolve(m, KeyPath.of("services", name), context) : s));
        }
        if (context.normalize()) {
            out = ComposeNormalize.apply(out.with("name", Scalars.str(out, context.projectName())), context);
        }
        // The steps above add keys (environment from files, networks, names, implicit dependencies); a second
        // pass, which changes nothing else on a canonical tree, puts every key back in compose's order.
        return canonical(out, context, new Warnings());
    }

    /** Short → long syntax and model typing of every top-level section; extensions kept as written. */
    private static MapNode canonical(MapNode root, Context context, Warnings warnings) {
        MapNode.Builder b = MapNode.builder(root.mark()).tag(root.tag());
        Map<String, Field> serviceTable = context.lenient() ? SERVICE_LENIENT : SERVICE;
        for (var e : root.entries().entrySet()) {
            String key = e.getKey();
            Node value = e.getValue();
            KeyPath path = KeyPath.of(key);
            Node converted = switch (key) {
                case "version" -> {
                    warnings.add(root.keyMark(key).file() + ": the attribute `version` is obsolete, it will be "
                            + "ignored, please remove it to avoid potential confusion");
                    yield null;
                }
                case "services" -> section(value, path, (v, p) -> Fields.convertStruct(Scalars.map(v, p), p,
                        serviceTable));
                case "networks" -> resources(value, path, ResourceFields.network(), context, warnings);
                case "volumes" -> resources(value, path, ResourceFields.volume(), context, warnings);
                case "secrets" -> resources(value, path, ResourceFields.fileObject(true), context, warnings);
                case "configs" -> resources(value, path, ResourceFields.fileObject(false), context, warnings);
                case "models" -> resources(value, path, ResourceFields.model(), context, warnings);
                default -> value;
            };
            if (converted != null) {
                b.put(key, root.keyMark(key), converted);
            }
        }
        if (!b.has("services")) {
            b.put("services", MapNode.empty(root.mark()));
        }
        return Fields.convertStruct(b.build(), KeyPath.ROOT, ROOT_ORDER);
    }

    private static Node resources(Node value, KeyPath path, Map<String, Field> table, Context context,
            Warnings warnings) {
        Map<String, Field> t = context.lenient() ? Fields.lenient(table) : table;
        return section(value, path, (v, p) -> ResourceFields.resource(v, p, t, warnings));
    }

    private static Node section(Node value, KeyPath path, Field entry) {
        if (Scalars.isNull(value)) {
            return path.toString().equals("services") ? MapNode.empty(value.mark()) : null;
        }
        MapNode m = Scalars.map(value, path);
        MapNode.Builder b = MapNode.builder(m.mark()).tag(m.tag());
        for (var e : m.entries().entrySet()) {
            KeyPath at = path.key(e.getKey());
            Node v = e.getValue();
            boolean service = path.toString().equals("services");
            b.put(e.getKey(), m.keyMark(e.getKey()),
                    entry.apply(service && Scalars.isNull(v) ? MapNode.empty(v.mark()) : v, at));
        }
        return Fields.sortedKeys(b.build());
    }
}

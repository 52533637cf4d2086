package dev.jcompose.load.normalize;

import static dev.jcompose.load.normalize.Scalars.isNull;

import dev.jcompose.load.env.EnvFiles;
import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Mark;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A service's container environment and labels, resolved as compose-go's WithServicesEnvironmentResolved and
 * WithServicesLabelsResolved do: a key without value takes the project environment's value (and stays null when
 * unset there); env_file values come first and the service's environment overrides them; label_file likewise
 * under labels. Files are read through {@link EnvFiles}, relative paths against the project directory.
 */
final class EnvironmentResolver {
    private EnvironmentResolver() {
    }

    static MapNode resolve(MapNode service, KeyPath path, Normalizer.Context ctx) {
        MapNode out = service;
        Node env = service.get("environment");
        Node envFiles = service.get("env_file");
        if (env instanceof MapNode || envFiles instanceof SeqNode) {
            MapNode resolved = environment(env instanceof MapNode m ? m : null, envFiles, path, ctx);
            out = resolved.size() == 0 ? out.without("environment") : out.with("environment", resolved);
        }
        if (service.get("label_file") instanceof SeqNode labelFiles) {
            MapNode labels = labels(service.get("labels") instanceof MapNode m ? m : null, labelFiles,
                    path.key("label_file"), ctx);
            out = labels.size() == 0 ? out : out.with("labels", labels);
        }
        return out;
    }

    private static MapNode environment(MapNode env, Node envFiles, KeyPath path, Normalizer.Context ctx) {
        Map<String, String> project = ctx.environment();
        MapNode.Builder service = MapNode.builder(env == null ? Mark.UNKNOWN : env.mark());
        if (env != null) {
            for (var e : env.entries().entrySet()) {
                Node v = e.getValue();
                String value = isNull(v) ? project.get(e.getKey()) : ((ScalarNode) v).text();
                service.put(e.getKey(), env.keyMark(e.getKey()), ScalarNode.of(v.mark(), value));
            }
        }
        MapNode declared = service.build();
        if (!(envFiles instanceof SeqNode files)) {
            return declared;
        }
        Map<String, String> fromFiles = new LinkedHashMap<>();
        Map<String, Mark> marks = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            if (!(files.get(i) instanceof MapNode file)) {
                continue; // left as written by config --no-interpolate
            }
            KeyPath at = path.key("env_file").index(i);
            Node required = file.get("required");
            boolean mandatory = required == null || Scalars.bool(required, at.key("required"));
            String format = file.get("format") == null ? null : Scalars.string(file.get("format"), at);
            Path p = ctx.projectDir().resolve(Scalars.string(file.get("path"), at.key("path")));
            if (mandatory && !Files.exists(p)) {
                // Said here, where the compose file names it; errors inside the file name the file's own lines.
                throw Scalars.where(file, at).error("env file " + p + " not found");
            }
            // Inside env files a variable resolves from the project environment, then the service's own values,
            // then what the env files read so far set, where this file's earlier lines override earlier files.
            Function<String, String> declaredFirst = key -> {
                String v = project.get(key);
                if (v == null && declared.get(key) instanceof ScalarNode s && !s.isNull()) {
                    v = s.text();
                }
                return v;
            };
            Map<String, String> values = EnvFiles.read(p, mandatory, format, key -> {
                String v = declaredFirst.apply(key);
                return v != null ? v : fromFiles.get(key);
            });
            if (!fromFiles.isEmpty()) {
                // The reader consults its own earlier lines only after the lookup: read again with the keys this
                // file defines left to it, so they win over the same keys of earlier files.
                Map<String, String> own = values;
                values = EnvFiles.read(p, mandatory, format, key -> {
                    String v = declaredFirst.apply(key);
                    return v != null || own.containsKey(key) ? v : fromFiles.get(key);
                });
            }
            values.forEach((k, v) -> {
                fromFiles.put(k, v);
                marks.putIfAbsent(k, file.mark());
            });
        }
        MapNode.Builder b = MapNode.builder(declared.mark());
        fromFiles.forEach((k, v) -> b.put(k, marks.get(k), ScalarNode.of(marks.get(k), v)));
        declared.entries().forEach((k, v) -> b.put(k, declared.keyMark(k), v));
        return b.build();
    }

    private static MapNode labels(MapNode labels, SeqNode files, KeyPath path, Normalizer.Context ctx) {
        Map<String, String> fromFiles = new LinkedHashMap<>();
        MapNode.Builder b = MapNode.builder(labels == null ? files.mark() : labels.mark());
        for (int i = 0; i < files.size(); i++) {
            Node file = files.get(i);
            String name = Scalars.string(file, path.index(i));
            Path p = ctx.projectDir().resolve(name);
            if (!Files.isRegularFile(p)) {
                throw Scalars.where(file, path.index(i)).error("label file " + p + " not found");
            }
            Map<String, String> values = EnvFiles.read(p, true, null, fromFiles::get);
            for (var e : values.entrySet()) {
                fromFiles.put(e.getKey(), e.getValue());
                b.put(e.getKey(), file.mark(), ScalarNode.of(file.mark(), e.getValue()));
            }
        }
        if (labels != null) {
            labels.entries().forEach((k, v) -> b.put(k, labels.keyMark(k), v));
        }
        return b.build();
    }
}

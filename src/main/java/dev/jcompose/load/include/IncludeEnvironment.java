package dev.jcompose.load.include;

import dev.jcompose.load.env.EnvFiles;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environment of an included project and the values compose-go resolves from it while loading the project. */
final class IncludeEnvironment {
    /** compose-go's types.SecretConfigXValue: where a secret's value taken from an environment variable is kept. */
    static final String SECRET_VALUE_KEY = "x-#value";

    private IncludeEnvironment() {
    }

    /**
     * The including project's environment over the included project's env files (its env_file entries, else the
     * .env of its project directory when there is one).
     */
    static Map<String, String> of(IncludeEntry entry, Path workingDir, Map<String, String> parent) {
        List<Path> files = new ArrayList<>();
        if (entry.envFiles() == null || entry.envFiles().isEmpty()) {
            Path dotEnv = entry.projectDir().resolve(".env");
            if (Files.isRegularFile(dotEnv)) {
                files.add(dotEnv);
            }
        } else {
            for (String f : entry.envFiles()) {
                if (f.equals("/dev/null")) {
                    continue;
                }
                Path p = workingDir.resolve(f).normalize();
                if (!Files.exists(p)) {
                    throw entry.where().error("couldn't find env file: " + p);
                }
                if (Files.isDirectory(p)) {
                    throw entry.where().error(p + " is not a file");
                }
                files.add(p);
            }
        }
        Map<String, String> fromFiles = new LinkedHashMap<>();
        for (Path f : files) {
            // Variables inside an env file see the including environment first, then earlier files.
            fromFiles.putAll(EnvFiles.read(f, true, null,
                    k -> parent.containsKey(k) ? parent.get(k) : fromFiles.get(k)));
        }
        Map<String, String> env = new HashMap<>(fromFiles);
        env.putAll(parent);
        return env;
    }

    /**
     * What compose-go's ResolveEnvironment does for a project it loads: a bare {@code KEY} of a service environment
     * list takes its value from the project environment, a secret or config {@code environment: VAR} gets the
     * variable's value. It matters for an included project because its environment is not the main one.
     */
    static MapNode resolveReferences(MapNode project, Map<String, String> env) {
        return project.mapValues((key, value) -> switch (key) {
            case "services" -> eachEntry(value, svc -> onKey(svc, "environment", e -> bareKeys(e, env)));
            case "secrets" -> eachEntry(value, s -> fromVariable(s, SECRET_VALUE_KEY, env));
            case "configs" -> eachEntry(value, c -> fromVariable(c, "content", env));
            default -> value;
        });
    }

    private static Node bareKeys(Node environment, Map<String, String> env) {
        if (!(environment instanceof SeqNode q)) {
            return environment;
        }
        List<Node> items = new ArrayList<>(q.size());
        for (Node item : q.items()) {
            if (item instanceof ScalarNode s && s.isString() && env.containsKey((String) s.value())) {
                items.add(s.withValue(s.value() + "=" + env.get((String) s.value())));
            } else {
                items.add(item);
            }
        }
        return q.withItems(items);
    }

    private static Node fromVariable(Node definition, String target, Map<String, String> env) {
        if (definition instanceof MapNode m && m.get("environment") instanceof ScalarNode v && v.isString()
                && env.containsKey((String) v.value())) {
            return m.with(target, ScalarNode.of(v.mark(), env.get((String) v.value())));
        }
        return definition;
    }

    private static Node eachEntry(Node node, java.util.function.UnaryOperator<Node> fn) {
        return node instanceof MapNode m ? m.mapValues((k, v) -> fn.apply(v)) : node;
    }

    private static Node onKey(Node node, String key, java.util.function.UnaryOperator<Node> fn) {
        return node instanceof MapNode m && m.get(key) != null ? m.with(key, fn.apply(m.get(key))) : node;
    }
}

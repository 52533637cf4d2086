package dev.jcompose.load.interpolate;

import dev.jcompose.load.tree.KeyPath;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Paths whose string values become numbers or booleans after interpolation, so that {@code replicas: "$N"}
 * binds as an integer. The compose table lists the same paths as compose-go's loader.
 */
public final class TypeCasts {
    /** What a value at a path is cast to. */
    public enum Type {
        INT, FLOAT, BOOLEAN
    }

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    /** The paths compose casts, with {@code *} for any service, resource, key or list index. */
    public static final TypeCasts COMPOSE = composeTable();

    private final Map<String, Type> byPattern;
    /** Patterns pre-split and grouped by depth: typeAt runs for every scalar of the file. */
    private final Map<Integer, List<Map.Entry<String[], Type>>> byDepth = new java.util.HashMap<>();

    public TypeCasts(Map<String, Type> byPattern) {
        this.byPattern = Map.copyOf(byPattern);
        for (var e : byPattern.entrySet()) {
            String[] parts = e.getKey().split("\\.", -1);
            byDepth.computeIfAbsent(parts.length, k -> new java.util.ArrayList<>()).add(Map.entry(parts, e.getValue()));
        }
    }

    private static TypeCasts composeTable() {
        Map<String, Type> t = new LinkedHashMap<>();
        for (String p : new String[] {"cpu_count", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime",
                "cpu_shares", "oom_score_adj", "pids_limit", "scale", "deploy.replicas",
                "deploy.update_config.parallelism", "deploy.rollback_config.parallelism",
                "deploy.restart_policy.max_attempts", "deploy.placement.max_replicas_per_node",
                "healthcheck.retries", "ports.*.target", "ulimits.*", "ulimits.*.hard", "ulimits.*.soft"}) {
            t.put("services.*." + p, Type.INT);
        }
        for (String p : new String[] {"cpu_percent", "cpus", "deploy.update_config.max_failure_ratio",
                "deploy.rollback_config.max_failure_ratio"}) {
            t.put("services.*." + p, Type.FLOAT);
        }
        for (String p : new String[] {"init", "depends_on.*.required", "depends_on.*.restart", "healthcheck.disable",
                "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty", "volumes.*.read_only",
                "volumes.*.volume.nocopy"}) {
            t.put("services.*." + p, Type.BOOLEAN);
        }
        for (String p : new String[] {"networks.*.external", "networks.*.internal", "networks.*.attachable",
                "networks.*.enable_ipv4", "networks.*.enable_ipv6", "volumes.*.external", "secrets.*.external",
                "configs.*.external"}) {
            t.put(p, Type.BOOLEAN);
        }
        return new TypeCasts(t);
    }

    /** The type the value at path is cast to; null when it stays a string. */
    public Type typeAt(KeyPath path) {
        List<Map.Entry<String[], Type>> candidates = byDepth.get(path.depth());
        if (candidates == null) {
            return null;
        }
        for (var e : candidates) {
            if (path.matches(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The value as the type: Long, Double or Boolean.
     *
     * @param warn told about YAML 1.1 booleans (yes/no/on/off) that compose accepts with a warning
     * @throws IllegalArgumentException with a message for the user when the text is not of the type
     */
    public static Object cast(Type type, String text, Consumer<String> warn) {
        return switch (type) {
            case INT -> {
                if (!INTEGER.matcher(text).matches()) {
                    throw new IllegalArgumentException("\"" + text + "\" is not an integer");
                }
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + text + "\" is out of range for an integer");
                }
            }
            case FLOAT -> {
                if (DECIMAL.matcher(text).matches()) {
                    yield Double.parseDouble(text);
                }
                if (SPECIAL_FLOAT.matcher(text).matches()) {
                    String lower = text.toLowerCase(Locale.ROOT);
                    yield lower.contains("nan") ? Double.NaN
                            : lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                throw new IllegalArgumentException("\"" + text + "\" is not a number");
            }
            case BOOLEAN -> bool(text, warn);
        };
    }

    private static Boolean bool(String text, Consumer<String> warn) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            case "y", "yes", "on":
                warn.accept("\"" + text + "\" for boolean is not supported by YAML 1.2, please use `true`");
                return true;
            case "n", "no", "off":
                warn.accept("\"" + text + "\" for boolean is not supported by YAML 1.2, please use `false`");
                return false;
            default:
                throw new IllegalArgumentException("invalid boolean: " + text);
        }
    }
}

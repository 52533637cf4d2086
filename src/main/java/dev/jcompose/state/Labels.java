package dev.jcompose.state;

import dev.jcompose.model.DependsOn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The label keys docker compose writes on containers, networks and volumes, and their value formats. State lives
 * in these labels: a later `up`, `ps` or `down` (ours or docker compose's) finds its resources through them, so
 * keys and formats must match compose byte for byte.
 */
public final class Labels {
    private Labels() {
    }

    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String CONTAINER_NUMBER = "com.docker.compose.container-number";
    public static final String CONFIG_HASH = "com.docker.compose.config-hash";
    public static final String ONEOFF = "com.docker.compose.oneoff";
    public static final String SLUG = "com.docker.compose.slug";
    public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    public static final String ENVIRONMENT_FILE = "com.docker.compose.project.environment_file";
    public static final String DEPENDS_ON = "com.docker.compose.depends_on";
    public static final String IMAGE = "com.docker.compose.image";
    public static final String VERSION = "com.docker.compose.version";
    public static final String NETWORK = "com.docker.compose.network";
    public static final String VOLUME = "com.docker.compose.volume";
    public static final String REPLACE = "com.docker.compose.replace";

    /** compose writes Go's strconv-free "True"/"False" for the oneoff flag. */
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    public static String oneOff(boolean oneOff) {
        return oneOff ? TRUE : FALSE;
    }

    /** Absent label means "not a one-off", like compose's isNotOneOff. */
    public static boolean isOneOff(Map<String, String> labels) {
        return TRUE.equals(labels.get(ONEOFF));
    }

    /**
     * depends_on value: {@code name:condition:restart} joined by commas, e.g.
     * {@code db:service_started:false,redis:service_healthy:true}. compose iterates a Go map (random order); we sort
     * by name so the label, and therefore nothing downstream, depends on iteration order.
     */
    public static String dependsOn(Map<String, DependsOn> dependsOn) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(dependsOn).forEach((name, d) -> parts.add(name + ":"
                + (d.condition() == null ? DependsOn.STARTED : d.condition()) + ":" + d.restart()));
        return String.join(",", parts);
    }

    /** Parses a depends_on label back; malformed entries are skipped (labels may be hand-edited). */
    public static Map<String, DependsOn> parseDependsOn(String value) {
        Map<String, DependsOn> result = new TreeMap<>();
        if (value == null || value.isBlank()) {
            return result;
        }
        for (String entry : value.split(",")) {
            String[] parts = entry.split(":");
            if (parts.length == 3 && !parts[0].isEmpty()) {
                result.put(parts[0], new DependsOn(parts[1], Boolean.parseBoolean(parts[2]), true));
            }
        }
        return result;
    }

    /** config_files value: absolute paths joined by commas. */
    public static String configFiles(List<?> files) {
        List<String> parts = new ArrayList<>();
        for (Object f : files) {
            parts.add(f.toString());
        }
        return String.join(",", parts);
    }

    /** container-number label; -1 when missing or not a number (compose warns and skips such containers). */
    public static int number(Map<String, String> labels) {
        String value = labels.get(CONTAINER_NUMBER);
        if (value == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

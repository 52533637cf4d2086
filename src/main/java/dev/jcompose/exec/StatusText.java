package dev.jcompose.exec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container list's status text tells beyond its state: "Exited (137) 2 minutes ago" and "Restarting (1)
 * 3 seconds ago" carry the last exit code, "Up 5 minutes (healthy)", "(unhealthy)" and "(health: starting)" the
 * health (the in-memory engine writes "(starting)"). Read so that observing needs no inspect per container.
 */
final class StatusText {
    private static final Pattern EXIT = Pattern.compile("^(?:Exited|Restarting) \\((-?\\d+)\\)");
    private static final Pattern HEALTH = Pattern.compile("\\((healthy|unhealthy|health: starting|starting)\\)$");

    private StatusText() {
    }

    /** The exit code of an exited or restarting container, else 0 (what an inspect reports for the others). */
    static int exitCode(String status) {
        Matcher m = EXIT.matcher(status == null ? "" : status);
        if (!m.find()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** "healthy", "unhealthy", "starting", or null when the status shows no health (no healthcheck). */
    static String health(String status) {
        Matcher m = HEALTH.matcher(status == null ? "" : status.strip());
        if (!m.find()) {
            return null;
        }
        return m.group(1).endsWith("starting") ? "starting" : m.group(1);
    }
}

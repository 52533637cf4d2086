package dev.jcompose.cli;

import dev.jcompose.error.ComposeException;
import dev.jcompose.model.Project;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Base of the commands that act on a project's existing containers (ps, logs, start, stop...). Like compose's
 * projectOrName they work from the compose files when there are any, or from the project name alone
 * (-p / COMPOSE_PROJECT_NAME) and the containers' labels.
 */
abstract class ContainerCommand extends ProjectCommand {
    /** The project's name, and the project when compose files were loaded (null: work from labels). */
    record Target(String name, Project project) {
    }

    /**
     * compose's projectOrName: with -f, or without -p, load the files (a failure falls back to
     * COMPOSE_PROJECT_NAME when set); with only -p, the name alone.
     */
    Target target(List<String> services) {
        GlobalOptions g = global();
        if (!g.files.isEmpty() || g.projectName == null) {
            try {
                Project p = loadProject(services);
                return new Target(p.name(), p);
            } catch (ComposeException e) {
                String fromEnv = g.env.get("COMPOSE_PROJECT_NAME");
                if (fromEnv != null && !fromEnv.isEmpty()) {
                    return new Target(fromEnv.toLowerCase(Locale.ROOT), null);
                }
                throw e;
            }
        }
        return new Target(g.projectName.toLowerCase(Locale.ROOT), null);
    }

    /** compose's toProjectName: -p, COMPOSE_PROJECT_NAME, else the loaded project's name. */
    String projectName() {
        GlobalOptions g = global();
        if (g.projectName != null) {
            return g.projectName.toLowerCase(Locale.ROOT);
        }
        String fromEnv = g.env.get("COMPOSE_PROJECT_NAME");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toLowerCase(Locale.ROOT);
        }
        return loadProject(List.of()).name();
    }

    /** A named service must exist in the loaded project (compose: "no such service"). */
    static void checkServices(Project project, List<String> services) {
        if (project == null) {
            return;
        }
        for (String s : services) {
            if (!project.services().containsKey(s)) {
                throw ComposeException.usage("no such service: " + s);
            }
        }
    }

    /**
     * compose's confirmation prompt. On a terminal "? message (y/N) ", answered y or yes; otherwise the bare
     * message and one line of stdin read as Go's StringToBool (y, 1, t, true — not "yes"). No answer = no.
     */
    boolean confirm(String message) {
        boolean terminal = Terminal.isTerminal();
        out().print(terminal ? "? " + message + " (y/N) " : message);
        out().flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        if (terminal) {
            return a.equals("y") || a.equals("yes");
        }
        return a.equals("y") || a.equals("1") || a.equals("t") || a.equals("true");
    }
}

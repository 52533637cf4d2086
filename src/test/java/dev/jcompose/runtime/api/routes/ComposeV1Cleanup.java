package dev.jcompose.runtime.api.routes;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes what one test project left on an engine, whatever state a failed test left it in: only objects that
 * carry the project's label or name prefix (on dockerd other people's containers run beside ours).
 */
final class ComposeV1Cleanup {
    private ComposeV1Cleanup() {
    }

    static void project(DockerCli docker, String project) throws Exception {
        if (!project.startsWith("jct")) {
            throw new IllegalArgumentException("refusing to clean a project without the test prefix: " + project);
        }
        String label = "label=com.docker.compose.project=" + project;
        removeAll(docker, ids(docker, "ps", "-aq", "--filter", label), "rm", "-f", "-v");
        removeAll(docker, ids(docker, "network", "ls", "-q", "--filter", label), "network", "rm");
        removeAll(docker, ids(docker, "volume", "ls", "-q", "--filter", label), "volume", "rm", "-f");
        removeAll(docker, ids(docker, "images", "--format", "{{.Repository}}:{{.Tag}}", "--filter",
                "reference=" + project + "_*"), "rmi", "-f");
    }

    /** Images of a repository made by the CLI scenario (its name has the test prefix). */
    static void repository(DockerCli docker, String repo) throws Exception {
        if (!repo.startsWith("jct")) {
            throw new IllegalArgumentException("refusing to clean a repository without the test prefix: " + repo);
        }
        removeAll(docker, ids(docker, "ps", "-aq", "--filter", "name=" + repo), "rm", "-f", "-v");
        removeAll(docker, ids(docker, "images", "--format", "{{.Repository}}:{{.Tag}}", repo), "rmi", "-f");
    }

    private static List<String> ids(DockerCli docker, String... args) throws Exception {
        return docker.run(args).stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
    }

    private static void removeAll(DockerCli docker, List<String> ids, String... command) throws Exception {
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(ids);
            docker.run(args.toArray(String[]::new));
        }
    }
}

package dev.jcompose.app;

import java.util.List;

/**
 * What `run` was asked to do. Lists hold the raw flag values (-e, -l, -p, -v, --cap-add, --cap-drop);
 * entrypoint is null when not given (an empty string is a real override: no entrypoint); pull is null for
 * the services' own pull_policy.
 */
public record RunRequest(String service, List<String> command, boolean detach, boolean remove, String name,
        List<String> env, List<String> labels, List<String> publish, boolean servicePorts, boolean useAliases,
        String user, String workingDir, String entrypoint, boolean noDeps, boolean tty, boolean interactive,
        List<String> capAdd, List<String> capDrop, List<String> volumes, String pull, boolean quietPull,
        boolean removeOrphans) {
    public RunRequest {
        command = List.copyOf(command);
        env = List.copyOf(env);
        labels = List.copyOf(labels);
        publish = List.copyOf(publish);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        volumes = List.copyOf(volumes);
    }

    /** `run SERVICE COMMAND...` with every option at its default (tests, and the base of the CLI's request). */
    public static RunRequest of(String service, List<String> command) {
        return new RunRequest(service, command, false, false, null, List.of(), List.of(), List.of(), false, false,
                null, null, null, false, false, false, List.of(), List.of(), List.of(), null, false, false);
    }

    public RunRequest withDetach(boolean d) {
        return new RunRequest(service, command, d, remove, name, env, labels, publish, servicePorts, useAliases, user,
                workingDir, entrypoint, noDeps, tty, interactive, capAdd, capDrop, volumes, pull, quietPull,
                removeOrphans);
    }

    public RunRequest withRemove(boolean rm) {
        return new RunRequest(service, command, detach, rm, name, env, labels, publish, servicePorts, useAliases, user,
                workingDir, entrypoint, noDeps, tty, interactive, capAdd, capDrop, volumes, pull, quietPull,
                removeOrphans);
    }

    public RunRequest withNoDeps(boolean n) {
        return new RunRequest(service, command, detach, remove, name, env, labels, publish, servicePorts, useAliases,
                user, workingDir, entrypoint, n, tty, interactive, capAdd, capDrop, volumes, pull, quietPull,
                removeOrphans);
    }
}

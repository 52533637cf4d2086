package dev.jcompose.app;

import java.util.List;

/**
 * What `exec` was asked to run. env entries are already resolved (KEY=VALUE, or bare KEY when unresolved);
 * index 0 = the service's first container; interactive attaches stdin.
 */
public record ExecRequest(String service, List<String> command, List<String> env, String user, String workingDir,
        int index, boolean detach, boolean privileged, boolean tty, boolean interactive) {
    public ExecRequest {
        command = List.copyOf(command);
        env = List.copyOf(env);
    }
}

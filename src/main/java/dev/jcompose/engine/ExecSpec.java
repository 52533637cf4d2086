package dev.jcompose.engine;

import java.util.List;

/** A command to run in a running container; null user/workingDir = the container's. */
public record ExecSpec(List<String> cmd, List<String> env, String user, String workingDir, boolean privileged,
        boolean tty) {
    public ExecSpec {
        if (cmd == null || cmd.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        cmd = List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
    }

    public static ExecSpec of(String... cmd) {
        return new ExecSpec(List.of(cmd), null, null, null, false, false);
    }
}

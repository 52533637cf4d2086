package dev.jcompose.runtime.container;

import dev.jcompose.runtime.oci.UserSpec;
import java.util.List;

/**
 * A process to run in a running container. {@code env} entries are added to the container's environment
 * (same key replaces); {@code cwd} and {@code user} default to the container's when null.
 */
public record ExecSpec(List<String> args, List<String> env, String cwd, UserSpec user) {
    public ExecSpec {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        env = List.copyOf(env);
        if (cwd != null && !cwd.startsWith("/")) {
            throw new IllegalArgumentException("exec working directory must be absolute: " + cwd);
        }
    }

    public static ExecSpec of(String... args) {
        return new ExecSpec(List.of(args), List.of(), null, null);
    }
}

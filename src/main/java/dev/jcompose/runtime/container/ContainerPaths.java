package dev.jcompose.runtime.container;

import java.nio.file.Path;

/**
 * Where one container's files live: {@code dir} is the runtime's per-container state dir (the OCI bundle, pid
 * files, conmon's exit and oom files); {@code logDir} belongs to the caller and holds the container's output.
 */
public record ContainerPaths(Path dir, Path logDir) {
    public Path configJson() {
        return dir.resolve("config.json");
    }

    public Path meta() {
        return dir.resolve("container.json");
    }

    /** Host PID of the container's PID 1, written by runc create. */
    public Path pidFile() {
        return dir.resolve("pid");
    }

    public Path conmonPidFile() {
        return dir.resolve("conmon.pid");
    }

    /** conmon's own stdout/stderr (it reports setup errors there before it forks). */
    public Path conmonOutput() {
        return dir.resolve("conmon.out");
    }

    /** conmon --persist-dir writes the exit code here. */
    public Path exitFile() {
        return dir.resolve("exit");
    }

    /** conmon --persist-dir writes this when the kernel OOM-killed the container. */
    public Path oomFile() {
        return dir.resolve("oom");
    }

    public Path execDir() {
        return dir.resolve("exec");
    }

    /** Timestamped, stream-tagged log written by conmon (k8s-file format). */
    public Path containerLog() {
        return logDir.resolve("container.log");
    }

    /** Without conmon: PID 1's stdout and stderr appended as they come, no timestamps. */
    public Path stdoutLog() {
        return logDir.resolve("stdout.log");
    }

    public Path stderrLog() {
        return logDir.resolve("stderr.log");
    }
}

package dev.jcompose.runtime.container;

import dev.jcompose.runtime.oci.ProcessStdio;
import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.runc.RuncException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * No monitor process: {@code runc create} hands PID 1 two append-mode files. The container is re-parented to the
 * host's init when runc exits, so nobody can read its exit status: exit codes are unknown in this mode. The
 * fallback when conmon is not installed.
 */
public final class DirectMonitor implements ContainerMonitor {
    private final Runc runc;

    public DirectMonitor(Runc runc) {
        this.runc = runc;
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public void create(String id, ContainerPaths paths, ProcessStdio stdio, Duration timeout) {
        if (stdio.terminal()) {
            throw new RuncException("create", id, "a container with a TTY needs conmon, which is not installed");
        }
        // an open stdin has nobody to feed it without a monitor: PID 1 reads /dev/null, like a detached run
        runc.create(id, paths.dir(), paths.pidFile(), paths.stdoutLog(), paths.stderrLog());
    }

    @Override
    public OptionalInt exitCode(ContainerPaths paths) {
        return OptionalInt.empty();
    }

    @Override
    public boolean sawOom(ContainerPaths paths) {
        return false;
    }

    @Override
    public boolean isAlive(ContainerPaths paths) {
        return false;
    }

    @Override
    public LogFormat logFormat() {
        return LogFormat.RAW_FILES;
    }
}

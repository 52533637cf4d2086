package dev.jcompose.runtime.container;

import dev.jcompose.runtime.oci.ProcessStdio;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Who holds a container's PID 1: captures its stdout/stderr and, when it can, its exit code. Implementations
 * must not keep a pipe to the container in the daemon, and should survive a daemon restart.
 */
public interface ContainerMonitor {
    /** A short name stored with the container ("conmon", "direct") so recovery picks the same one. */
    String name();

    /**
     * Runs {@code runc create} for the bundle in {@code paths}, PID 1's stdio wired as {@code stdio} says; returns
     * once runc reports the container created.
     */
    void create(String id, ContainerPaths paths, ProcessStdio stdio, Duration timeout);

    /** The exit code the monitor recorded, once PID 1 has exited and been reaped; empty if unknown (yet). */
    OptionalInt exitCode(ContainerPaths paths);

    /** Whether the monitor saw the kernel OOM killer hit the container. */
    boolean sawOom(ContainerPaths paths);

    /** True when the container's monitor process is still alive (delete waits for it to finish writing). */
    boolean isAlive(ContainerPaths paths);

    /** Removes what the monitor keeps outside the container's dir (called by delete). */
    default void forget(String id) {}

    /** Format of the files under the log dir. */
    LogFormat logFormat();

    enum LogFormat {
        /** One file: {@code <RFC3339Nano> <stdout|stderr> <P|F> <text>} per line (conmon). */
        K8S_FILE,
        /** stdout.log and stderr.log, raw bytes; timestamps are added when read. */
        RAW_FILES
    }
}

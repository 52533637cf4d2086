package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.oci.DockerDefaults;
import dev.jcompose.runtime.runc.Runc;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Where and how the container engine runs. Persistent state goes under {@code root} (containers, volumes);
 * runtime state under {@code runDir} (runc's state, OCI bundles, conmon's exit files and sockets, exec output),
 * which a reboot may wipe as the containers are gone then too.
 *
 * @param cgroupParent cgroupfs parent of every container (tests use their own)
 * @param exitSweep how often running containers are checked for an exit inotify did not report
 */
public record EngineOptions(Path root, Path runDir, String cgroupParent, Path runcBinary, Path hostResolvConf,
        NetworkAttacher network, Clock clock, Duration exitSweep) {

    public static EngineOptions defaults(Path root, Path runDir) {
        return new EngineOptions(root.toAbsolutePath(), runDir.toAbsolutePath(), DockerDefaults.CGROUP_PARENT,
                Runc.DEFAULT_BINARY, Path.of("/etc/resolv.conf"), new LoopbackOnly(), Clock.systemUTC(),
                Duration.ofSeconds(1));
    }

    public EngineOptions withCgroupParent(String parent) {
        return new EngineOptions(root, runDir, parent, runcBinary, hostResolvConf, network, clock, exitSweep);
    }

    public EngineOptions withNetwork(NetworkAttacher attacher) {
        return new EngineOptions(root, runDir, cgroupParent, runcBinary, hostResolvConf, attacher, clock, exitSweep);
    }

    Path runcRoot() {
        return runDir.resolve("runc");
    }

    Path runcLogs() {
        return runDir.resolve("runc-logs");
    }

    Path bundles() {
        return runDir.resolve("bundles");
    }

    Path exitDir() {
        return runDir.resolve("exits");
    }

    Path socketDir() {
        return runDir.resolve("sockets");
    }

    Path execDir() {
        return runDir.resolve("execs");
    }
}

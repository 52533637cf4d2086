package dev.jcompose.runtime.oci;

import java.util.List;
import java.util.Map;

/**
 * Docker's default security profile for an unprivileged container, as Debian's dockerd 20.10 generates it and
 * RELIABILITY.md lists it (plus the two masked paths newer moby adds). Privileged containers drop the masks.
 */
public final class DockerDefaults {
    /** Paths hidden from the container (a /dev/null bind for files, an empty ro tmpfs for directories). */
    public static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/interrupts",
            "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/sched_debug", "/proc/scsi",
            "/proc/timer_list", "/proc/timer_stats", "/sys/devices/virtual/powercap", "/sys/firmware");

    /** Paths remounted read-only. */
    public static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /** Sysctls Docker sets in a container that has its own network namespace (ping and low ports unprivileged). */
    public static final Map<String, String> NETWORK_SYSCTLS = Map.of("net.ipv4.ip_unprivileged_port_start", "0",
            "net.ipv4.ping_group_range", "0 2147483647");

    /**
     * Character devices allowed in the device cgroup after "deny all": null zero full random urandom tty console
     * ptmx and the pts range. runc appends its own list too (mknod wildcard, tun); the effect is Docker's.
     */
    public static final List<DeviceRule> ALLOWED_DEVICES = List.of(DeviceRule.allowChar(1, 3L),
            DeviceRule.allowChar(1, 5L), DeviceRule.allowChar(1, 7L), DeviceRule.allowChar(1, 8L),
            DeviceRule.allowChar(1, 9L), DeviceRule.allowChar(5, 0L), DeviceRule.allowChar(5, 1L),
            DeviceRule.allowChar(5, 2L), DeviceRule.allowChar(136, null));

    /** Docker's PATH for a container whose environment has none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** Where Docker bind-mounts its init for {@code --init}. */
    public static final String INIT_PATH = "/sbin/docker-init";

    /** cgroupfs parent of every container: cgroupsPath is {@code <parent>/<id>}. */
    public static final String CGROUP_PARENT = "/jcompose";

    private DockerDefaults() {}

    /** A default mount: destination, fstype (also the source), options. */
    public record DefaultMount(String destination, String type, String source, List<String> options) {}

    /**
     * The mounts every container gets, in Docker's order. /sys and the cgroup mount are read-only unless
     * privileged; with the host's IPC namespace /dev/mqueue is left out and /dev/shm is the host's (a bind).
     */
    public static List<DefaultMount> mounts(boolean privileged, boolean hostIpc, long shmSizeBytes) {
        String sysMode = privileged ? "rw" : "ro";
        var list = new java.util.ArrayList<DefaultMount>();
        list.add(new DefaultMount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
        list.add(new DefaultMount("/dev", "tmpfs", "tmpfs",
                List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
        list.add(new DefaultMount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
        list.add(new DefaultMount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", sysMode)));
        list.add(new DefaultMount("/sys/fs/cgroup", "cgroup", "cgroup", List.of(sysMode, "nosuid", "noexec",
                "nodev")));
        if (!hostIpc) {
            list.add(new DefaultMount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
        }
        if (hostIpc) {
            list.add(new DefaultMount("/dev/shm", "bind", "/dev/shm", List.of("rbind", "rprivate")));
        } else {
            list.add(new DefaultMount("/dev/shm", "tmpfs", "shm",
                    List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + shmSizeBytes)));
        }
        return List.copyOf(list);
    }
}

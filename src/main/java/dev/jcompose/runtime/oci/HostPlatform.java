package dev.jcompose.runtime.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host facts the generator depends on, passed in as a value so generation stays pure and golden tests can
 * pin them: Go-style architecture name (amd64, arm64...), kernel version (seccomp "since kernel" rules), the
 * highest capability number the kernel knows (privileged = all of them), cgroup v2 or not (cgroup namespace), and
 * the static init binary bind-mounted for {@code init: true}, if any.
 */
public record HostPlatform(String arch, int kernelMajor, int kernelMinor, int lastCap, boolean cgroupV2,
        Optional<Path> initBinary) {
    /** Where Docker's init (tini-static, installed as docker-init) is usually found. */
    public static final List<Path> INIT_CANDIDATES = List.of(Path.of("/usr/bin/docker-init"),
            Path.of("/usr/bin/tini-static"), Path.of("/usr/libexec/docker/docker-init"));

    private static final Pattern KERNEL = Pattern.compile("^(\\d+)\\.(\\d+)");

    public HostPlatform {
        if (lastCap < 0 || lastCap > 63) {
            throw new IllegalArgumentException("last capability out of range: " + lastCap);
        }
    }

    /** Reads the running host: os.arch, os.version, /proc/sys/kernel/cap_last_cap, /sys/fs/cgroup. */
    public static HostPlatform detect() {
        int[] kernel = parseKernel(System.getProperty("os.version", "0.0"));
        int lastCap = 40;
        try {
            lastCap = Integer.parseInt(Files.readString(Path.of("/proc/sys/kernel/cap_last_cap")).trim());
        } catch (IOException | NumberFormatException e) {
            // keep the value of Linux 5.9+ (CAP_CHECKPOINT_RESTORE); only privileged containers use it
        }
        boolean v2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        Optional<Path> init = INIT_CANDIDATES.stream().filter(Files::isExecutable).findFirst();
        return new HostPlatform(goArch(System.getProperty("os.arch", "amd64")), kernel[0], kernel[1], lastCap, v2,
                init);
    }

    static int[] parseKernel(String version) {
        Matcher m = KERNEL.matcher(version);
        if (!m.find()) {
            return new int[] {0, 0};
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** Java's os.arch to the Go names seccomp data uses. */
    static String goArch(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> javaArch;
        };
    }

    /** True when the running kernel is at least {@code major.minor}. */
    public boolean kernelAtLeast(int major, int minor) {
        return kernelMajor > major || (kernelMajor == major && kernelMinor >= minor);
    }
}

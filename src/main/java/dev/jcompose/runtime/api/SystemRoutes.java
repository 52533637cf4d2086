package dev.jcompose.runtime.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** /_ping, /version and /info: what clients call first to negotiate the API version. */
public final class SystemRoutes {
    /** Counts the daemon reports in /info. */
    public record Counts(int containers, int running, int paused, int stopped, int images) {
    }

    private final String version;
    private final String rootDir;
    private final Supplier<Counts> counts;

    public SystemRoutes(String version, String rootDir, Supplier<Counts> counts) {
        this.version = version;
        this.rootDir = rootDir;
        this.counts = counts;
    }

    public void register(Router r) {
        r.get("/_ping", req -> ping());
        r.head("/_ping", req -> ping());
        r.get("/version", req -> ApiResponse.json(versionBody()));
        r.get("/info", req -> ApiResponse.json(info()));
    }

    private static ApiResponse ping() {
        return new ApiResponse.Full(200, "text/plain; charset=utf-8", "OK".getBytes());
    }

    private static String kernel() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (java.io.IOException e) {
            return System.getProperty("os.version");
        }
    }

    Map<String, Object> versionBody() {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("Name", "Engine");
        engine.put("Version", version);
        engine.put("Details", Map.of("ApiVersion", ApiServer.API_VERSION, "MinAPIVersion", ApiServer.MIN_API_VERSION,
                "Os", "linux", "Arch", "amd64", "KernelVersion", kernel()));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Platform", Map.of("Name", "jcompose embedded engine"));
        v.put("Components", List.of(engine));
        v.put("Version", version);
        v.put("ApiVersion", ApiServer.API_VERSION);
        v.put("MinAPIVersion", ApiServer.MIN_API_VERSION);
        v.put("GitCommit", "jcompose");
        v.put("GoVersion", "java" + Runtime.version().feature());
        v.put("Os", "linux");
        v.put("Arch", "amd64");
        v.put("KernelVersion", kernel());
        v.put("BuildTime", "");
        return v;
    }

    Map<String, Object> info() {
        Counts c = counts.get();
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("ID", "jcompose");
        i.put("Containers", c.containers());
        i.put("ContainersRunning", c.running());
        i.put("ContainersPaused", c.paused());
        i.put("ContainersStopped", c.stopped());
        i.put("Images", c.images());
        i.put("Driver", "overlay2");
        i.put("DriverStatus", List.of(List.of("Backing Filesystem", "extfs")));
        i.put("Plugins", Map.of("Volume", List.of("local"), "Network", List.of("bridge", "host", "null"),
                "Log", List.of("json-file")));
        i.put("MemoryLimit", true);
        i.put("SwapLimit", false);
        i.put("CpuCfsPeriod", true);
        i.put("CpuCfsQuota", true);
        i.put("CPUShares", true);
        i.put("PidsLimit", true);
        i.put("IPv4Forwarding", true);
        i.put("Debug", false);
        i.put("NFd", 0);
        i.put("NGoroutines", Thread.activeCount());
        i.put("SystemTime", java.time.OffsetDateTime.now().toString());
        i.put("LoggingDriver", "json-file");
        i.put("CgroupDriver", "cgroupfs");
        i.put("CgroupVersion", java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/cgroup.controllers"))
                ? "2" : "1");
        i.put("NEventsListener", 0);
        i.put("KernelVersion", kernel());
        i.put("OperatingSystem", "jcompose embedded engine");
        i.put("OSVersion", "");
        i.put("OSType", "linux");
        i.put("Architecture", "x86_64");
        i.put("NCPU", Runtime.getRuntime().availableProcessors());
        i.put("MemTotal", memTotal());
        i.put("IndexServerAddress", "https://index.docker.io/v1/");
        i.put("RegistryConfig", Map.of("IndexConfigs", Map.of(), "InsecureRegistryCIDRs", List.of("127.0.0.0/8")));
        i.put("DockerRootDir", rootDir);
        i.put("Name", hostname());
        i.put("Labels", List.of());
        i.put("ExperimentalBuild", false);
        i.put("ServerVersion", version);
        i.put("Runtimes", Map.of("runc", Map.of("path", "runc")));
        i.put("DefaultRuntime", "runc");
        i.put("LiveRestoreEnabled", true);
        i.put("Isolation", "");
        i.put("InitBinary", "");
        i.put("SecurityOptions", List.of("name=seccomp,profile=default"));
        i.put("Warnings", List.of());
        return i;
    }

    private static long memTotal() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}

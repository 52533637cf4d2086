package dev.jcompose.runtime.network;

import dev.jcompose.runtime.container.Cgroups;
import dev.jcompose.runtime.runc.Runc;
import dev.jcompose.runtime.runc.RuncState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists every host object carrying the test names of {@link Naming#TEST}: links (bridges, veths), namespaces,
 * iptables chains or rules, and sockets listening on the test subnets (DNS servers, proxies). A clean host
 * yields an empty list; anything else is printed in the assertion message. {@link #daemonResidue} adds what
 * one daemon's state and run dirs account for: runc states, mounts, cgroup dirs of its containers, IPAM leases.
 */
public final class ResidueScan {
    /** What a test daemon left: objects with the daemon test names, sockets in its pool. */
    public static List<String> daemonTestResidue() {
        return new ResidueScan(new ProcessHostCommands(30), dev.jcompose.runtime.netattach.EmbeddedNetworking
                .DAEMON_TEST, "10.214.").residue();
    }

    /**
     * Everything a test daemon over {@code root}/{@code runDir} left: {@link #daemonTestResidue()}, plus runc
     * containers in its runc root, mounts below either dir, cgroup dirs (any hierarchy) of the containers its
     * state knows under {@code cgroupParent}, and addresses still leased in its networks' IPAM files.
     */
    public static List<String> daemonResidue(Path root, Path runDir, String cgroupParent) {
        List<String> found = new ArrayList<>(daemonTestResidue());
        Path runcRoot = runDir.resolve("runc");
        if (Files.isDirectory(runcRoot)) {
            new Runc(Runc.DEFAULT_BINARY, runcRoot, runDir.resolve("runc-logs"), Duration.ofSeconds(10)).list()
                    .stream().map(RuncState::id).forEach(id -> found.add("runc container " + id));
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String mountPoint = line.split(" ")[4];
                if (mountPoint.startsWith(root + "/") || mountPoint.startsWith(runDir + "/")) {
                    found.add("mount " + mountPoint);
                }
            }
            Cgroups cgroups = new Cgroups(Cgroups.DEFAULT_ROOT);
            for (String id : children(root.resolve("containers"))) {
                cgroups.dirsOf(cgroupParent + "/" + id).stream().filter(Files::exists)
                        .forEach(d -> found.add("cgroup " + d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.addAll(stateLeftovers(root, runDir));
        NetworkStore store = new NetworkStore(root.resolve("networks"));
        for (NetworkRecord n : store.loadNetworks()) {
            if (n.bridgeDriver() && Files.exists(store.ipamFile(n.id()))) {
                Ipam.open(store.ipamFile(n.id()), n.ipv4Subnet(), n.ipv4Gateway()).leases()
                        .forEach(ip -> found.add("IPAM lease " + ip + " on " + n.name()));
            }
        }
        return found;
    }

    /**
     * In the state dirs: writable snapshots whose container has no directory, container directories without a
     * record, and OCI bundles of containers without a record (what a create or remove cut short leaves).
     */
    static List<String> stateLeftovers(Path root, Path runDir) {
        List<String> found = new ArrayList<>();
        try {
            List<String> containers = children(root.resolve("containers")).stream()
                    .filter(id -> Files.exists(root.resolve("containers").resolve(id).resolve("container.json")))
                    .toList();
            for (String id : children(root.resolve("containers"))) {
                if (!containers.contains(id)) {
                    found.add("container dir without record " + id);
                }
            }
            for (String id : children(runDir.resolve("bundles"))) {
                if (!containers.contains(id)) {
                    found.add("bundle without container " + id);
                }
            }
            Path meta = root.resolve("snapshots/metadata.json");
            if (Files.exists(meta)) {
                for (var snapshot : StateJson.MAPPER.readTree(meta.toFile()).path("snapshots")) {
                    String name = snapshot.path("name").asText();
                    if (!"COMMITTED".equals(snapshot.path("kind").asText()) && !containers.contains(name)) {
                        found.add("snapshot " + name + " (" + snapshot.path("kind").asText() + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<String> children(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                s.forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        return names;
    }

    private final HostCommands host;
    private final Naming naming;
    private final String subnetPrefix;

    /** @param subnetPrefix the text start of the test pool's addresses, e.g. {@code "10.213."} */
    ResidueScan(HostCommands host, Naming naming, String subnetPrefix) {
        this.host = host;
        this.naming = naming;
        this.subnetPrefix = subnetPrefix;
    }

    public List<String> residue() {
        List<String> found = new ArrayList<>();
        LinkManager links = new LinkManager(host);
        for (String link : links.links()) {
            if (link.startsWith(naming.bridgePrefix()) || link.startsWith(naming.vethPrefix())
                    || link.equals(naming.defaultBridge())) {
                found.add("link " + link);
            }
        }
        for (String ns : links.netns()) {
            if (ns.startsWith(naming.netnsPrefix())) {
                found.add("netns " + ns);
            }
        }
        for (String table : List.of("filter", "nat")) {
            String rules = host.run(List.of("iptables", "-w", "-t", table, "-S")).stdout();
            rules.lines().filter(l -> l.contains(naming.chainPrefix()) || l.contains(naming.comment()))
                    .forEach(l -> found.add("iptables -t " + table + " " + l));
        }
        for (String proto : List.of("-lntH", "-lnuH")) {
            host.run(List.of("ss", proto)).stdout().lines().filter(l -> l.contains(" " + subnetPrefix))
                    .forEach(l -> found.add("socket " + l.strip()));
        }
        return found;
    }
}

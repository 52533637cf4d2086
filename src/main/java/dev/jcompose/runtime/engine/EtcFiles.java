package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /etc/hostname, /etc/hosts and /etc/resolv.conf of a container: written in the container's own directory on
 * the host and bind-mounted by runc, never written into the rootfs (an image's /etc/hosts may be a symlink to
 * anywhere; runc resolves mount destinations inside the rootfs).
 */
public final class EtcFiles {
    static final List<String> FALLBACK_NAMESERVERS = List.of("8.8.8.8", "8.8.4.4");
    private static final String LOCALHOST = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    private final Path hostResolvConf;

    public EtcFiles(Path hostResolvConf) {
        this.hostResolvConf = hostResolvConf;
    }

    public static Path hostname(Path containerDir) {
        return containerDir.resolve("hostname");
    }

    public static Path hosts(Path containerDir) {
        return containerDir.resolve("hosts");
    }

    public static Path resolvConf(Path containerDir) {
        return containerDir.resolve("resolv.conf");
    }

    /**
     * Writes the three files for a start. Atomic (a rename) but not fsynced: they are regenerated at every start,
     * so a power cut that loses them loses nothing a start would read, and durability cost two journal commits
     * per file on the start path.
     */
    public void write(Path containerDir, NetworkRequest request, NetworkSetup setup) {
        for (var file : render(request, setup).entrySet()) {
            AtomicFiles.writeVolatile(containerDir.resolve(file.getKey()), file.getValue());
        }
    }

    /**
     * Rewrites hosts and resolv.conf in place once networking knows the address: the files are bind-mounted by
     * then, and a rename would leave the mount on the old inode.
     */
    public void rewrite(Path containerDir, NetworkRequest request, NetworkSetup setup) {
        Map<String, byte[]> files = render(request, setup);
        try {
            for (String name : List.of("hosts", "resolv.conf")) {
                Files.write(containerDir.resolve(name), files.get(name), StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            throw dev.jcompose.runtime.RuntimeError.internal("cannot update /etc files: " + e.getMessage(), e);
        }
    }

    /** File name in the container directory → content. */
    private Map<String, byte[]> render(NetworkRequest request, NetworkSetup setup) {
        String fqdn = request.domainname().isEmpty() ? request.hostname()
                : request.hostname() + "." + request.domainname();
        StringBuilder hosts = new StringBuilder(request.isHost() ? hostFile("/etc/hosts", LOCALHOST) : LOCALHOST);
        for (String extra : request.extraHosts()) {
            int colon = extra.indexOf(':');
            if (colon > 0) {
                hosts.append(extra.substring(colon + 1)).append('\t').append(extra, 0, colon).append('\n');
            }
        }
        if (setup.hostsAddress() != null && !setup.hostsAddress().isEmpty()) {
            hosts.append(setup.hostsAddress()).append('\t').append(fqdn.equals(request.hostname()) ? ""
                    : fqdn + " ").append(request.hostname()).append('\n');
        }
        String resolv = setup.resolvConf() != null ? setup.resolvConf() : resolvConf(request);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("hostname", (request.hostname() + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("hosts", hosts.toString().getBytes(StandardCharsets.UTF_8));
        files.put("resolv.conf", resolv.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /**
     * The host's resolv.conf as a container in its own namespace can use it: loopback nameservers dropped (they
     * are unreachable from there), Docker's public fallback when none remain; the container's Dns, DnsSearch and
     * DnsOptions replace the host's values. With the host's network the host's servers stay.
     */
    String resolvConf(NetworkRequest request) {
        List<String> servers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : hostFile(hostResolvConf.toString(), "").split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || f[0].startsWith("#")) {
                continue;
            }
            switch (f[0]) {
                case "nameserver" -> {
                    if (request.isHost() || !(f[1].startsWith("127.") || f[1].equals("::1"))) {
                        servers.add(f[1]);
                    }
                }
                case "search", "domain" -> search.addAll(List.of(f).subList(1, f.length));
                case "options" -> options.addAll(List.of(f).subList(1, f.length));
                default -> { }
            }
        }
        if (!request.dns().isEmpty()) {
            servers = new ArrayList<>(request.dns());
        }
        if (servers.isEmpty()) {
            servers.addAll(FALLBACK_NAMESERVERS);
        }
        StringBuilder out = new StringBuilder("# Generated by jcompose.\n");
        servers.forEach(s -> out.append("nameserver ").append(s).append('\n'));
        List<String> s = request.dnsSearch().isEmpty() ? search : request.dnsSearch();
        if (!s.isEmpty()) {
            out.append("search ").append(String.join(" ", s)).append('\n');
        }
        List<String> o = request.dnsOptions().isEmpty() ? options : request.dnsOptions();
        if (!o.isEmpty()) {
            out.append("options ").append(String.join(" ", o)).append('\n');
        }
        return out.toString();
    }

    private static String hostFile(String path, String fallback) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fallback;
        }
    }
}

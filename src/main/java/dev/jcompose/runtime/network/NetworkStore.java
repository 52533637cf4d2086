package dev.jcompose.runtime.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The on-disk state: {@code ROOT/v1/<network id>/network.json}, {@code ipam.json} and
 * {@code endpoints/<container id>.json}. Versioned so a future layout can migrate; every write is crash-safe.
 */
final class NetworkStore {
    private final Path root;

    NetworkStore(Path stateDir) {
        this.root = stateDir.resolve("v1");
    }

    Path dir(String networkId) {
        return root.resolve(networkId);
    }

    Path ipamFile(String networkId) {
        return dir(networkId).resolve("ipam.json");
    }

    List<NetworkRecord> loadNetworks() {
        List<NetworkRecord> out = new ArrayList<>();
        for (Path d : children(root)) {
            Path f = d.resolve("network.json");
            if (Files.isRegularFile(f)) {
                out.add(read(f, NetworkRecord.class));
            }
        }
        out.sort(Comparator.comparing(NetworkRecord::created).thenComparing(NetworkRecord::name));
        return out;
    }

    List<EndpointRecord> loadEndpoints(String networkId) {
        List<EndpointRecord> out = new ArrayList<>();
        for (Path f : children(dir(networkId).resolve("endpoints"))) {
            if (f.getFileName().toString().endsWith(".json")) {
                out.add(read(f, EndpointRecord.class));
            }
        }
        return out;
    }

    void save(NetworkRecord n) {
        write(dir(n.id()).resolve("network.json"), n);
    }

    void save(EndpointRecord e) {
        write(dir(e.networkId()).resolve("endpoints").resolve(e.containerId() + ".json"), e);
    }

    void delete(EndpointRecord e) {
        try {
            Files.deleteIfExists(dir(e.networkId()).resolve("endpoints").resolve(e.containerId() + ".json"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Removes the network's directory; network.json goes last so a crash midway still lists the network. */
    void delete(NetworkRecord n) {
        Path d = dir(n.id());
        try {
            for (Path f : children(d.resolve("endpoints"))) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(d.resolve("endpoints"));
            Files.deleteIfExists(d.resolve("ipam.json"));
            Files.deleteIfExists(d.resolve("network.json"));
            try (Stream<Path> rest = Files.list(d)) {
                for (Path p : rest.toList()) {
                    Files.deleteIfExists(p); // leftover temp files of an interrupted write
                }
            }
            Files.deleteIfExists(d);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot remove network state " + d, ex);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(Path f, Class<T> type) {
        try {
            return StateJson.read(f, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private static void write(Path f, Object value) {
        try {
            StateJson.write(f, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}

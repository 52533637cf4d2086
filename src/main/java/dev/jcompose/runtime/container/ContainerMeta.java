package dev.jcompose.runtime.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * What the runtime must remember about a container to adopt it again after a daemon restart, stored as
 * {@code container.json} in its state dir (temp file → rename, so a crash never leaves half a file).
 */
record ContainerMeta(String id, String logDir, String monitor, String cgroupsPath, Instant createdAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toMap()));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static ContainerMeta read(Path file) throws IOException {
        var node = JSON.readTree(file.toFile());
        return new ContainerMeta(node.path("id").asText(), node.path("logDir").asText(),
                node.path("monitor").asText(), node.path("cgroupsPath").asText(),
                Instant.parse(node.path("createdAt").asText(Instant.EPOCH.toString())));
    }

    private java.util.Map<String, String> toMap() {
        var m = new java.util.LinkedHashMap<String, String>();
        m.put("id", id);
        m.put("logDir", logDir);
        m.put("monitor", monitor);
        m.put("cgroupsPath", cgroupsPath);
        m.put("createdAt", createdAt.toString());
        return m;
    }
}

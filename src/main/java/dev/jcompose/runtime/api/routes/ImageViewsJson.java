package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.api.Json;
import dev.jcompose.runtime.image.DeleteItem;
import dev.jcompose.runtime.image.HistoryItem;
import dev.jcompose.runtime.image.ImageInspect;
import dev.jcompose.runtime.image.ImageSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image store's views in Engine API 1.41 shapes, field for field as dockerd 20.10 answers (checked against
 * it): empty lists and maps are {@code null} where dockerd sends null, and a dangling image shows
 * {@code <none>:<none>} / {@code <none>@<none>}.
 */
final class ImageViewsJson {
    /** The fields of a container config that dockerd always prints, in its order, with their zero values. */
    private static final String[] CONTAINER_CONFIG_FIELDS = {
        "Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "Tty", "OpenStdin",
        "StdinOnce", "Env", "Cmd", "Image", "Volumes", "WorkingDir", "Entrypoint", "OnBuild", "Labels"};

    private ImageViewsJson() {
    }

    static Map<String, Object> summary(ImageSummary image, List<String> shownTags, List<String> shownDigests) {
        boolean dangling = shownTags.isEmpty() && shownDigests.isEmpty();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Containers", -1);
        row.put("Created", image.created());
        row.put("Id", image.id().toString());
        row.put("Labels", image.labels().isEmpty() ? null : image.labels());
        row.put("ParentId", "");
        row.put("RepoDigests", dangling ? List.of("<none>@<none>") : nullIfEmpty(shownDigests));
        row.put("RepoTags", dangling ? List.of("<none>:<none>") : nullIfEmpty(shownTags));
        row.put("SharedSize", -1);
        row.put("Size", image.size());
        row.put("VirtualSize", image.size());
        return row;
    }

    /** Inspect: the store's view plus what dockerd adds (Container, ContainerConfig, GraphDriver), in its order. */
    static Map<String, Object> inspect(ImageInspect image) {
        ObjectNode base = Json.MAPPER.valueToTree(image);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", image.id());
        out.put("RepoTags", image.repoTags());
        out.put("RepoDigests", image.repoDigests());
        out.put("Parent", image.parent());
        out.put("Comment", image.comment());
        out.put("Created", image.created());
        out.put("Container", "");
        out.put("ContainerConfig", containerConfig(null));
        out.put("DockerVersion", image.dockerVersion());
        out.put("Author", image.author());
        out.put("Config", containerConfig((ObjectNode) base.get("Config")));
        out.put("Architecture", image.architecture());
        if (image.variant() != null && !image.variant().isEmpty()) {
            out.put("Variant", image.variant());
        }
        out.put("Os", image.os());
        out.put("Size", image.size());
        out.put("VirtualSize", image.virtualSize());
        out.put("GraphDriver", ordered("Data", Map.of(), "Name", "overlay2"));
        out.put("RootFS", ordered("Type", image.rootFs().type(), "Layers", image.rootFs().layers()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("LastTagTime", image.metadata().lastTagTime() == null ? "0001-01-01T00:00:00Z"
                : image.metadata().lastTagTime());
        out.put("Metadata", metadata);
        return out;
    }

    /** A container config with every always-present field; the image's own fields (ExposedPorts...) kept. */
    private static Map<String, Object> containerConfig(ObjectNode imageConfig) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (String field : CONTAINER_CONFIG_FIELDS) {
            config.put(field, switch (field) {
                case "Hostname", "Domainname", "User", "Image", "WorkingDir" -> "";
                case "AttachStdin", "AttachStdout", "AttachStderr", "Tty", "OpenStdin", "StdinOnce" -> false;
                default -> null;
            });
        }
        if (imageConfig != null) {
            imageConfig.fields().forEachRemaining(e -> config.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(),
                    Object.class)));
        }
        return config;
    }

    static List<Map<String, Object>> history(List<HistoryItem> items) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HistoryItem item : items) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Comment", item.comment());
            row.put("Created", item.created());
            row.put("CreatedBy", item.createdBy());
            row.put("Id", item.id());
            row.put("Size", item.size());
            row.put("Tags", nullIfEmpty(item.tags()));
            out.add(row);
        }
        return out;
    }

    static List<Map<String, String>> deleted(List<DeleteItem> items) {
        List<Map<String, String>> out = new ArrayList<>();
        for (DeleteItem item : items) {
            out.add(item.untagged() != null ? Map.of("Untagged", item.untagged()) : Map.of("Deleted", item.deleted()));
        }
        return out;
    }

    /** A map that keeps the given key order in the JSON (Map.of's order changes from run to run). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}

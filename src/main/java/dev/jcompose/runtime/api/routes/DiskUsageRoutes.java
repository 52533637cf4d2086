package dev.jcompose.runtime.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.api.Router;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.ContainerRecord;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.engine.VolumeRecord;
import dev.jcompose.runtime.image.ImageFilters;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.ImageSummary;
import dev.jcompose.runtime.snapshot.DiskUsage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /system/df} ({@code docker system df [-v]}), in dockerd 20.10's shape: every image with the number
 * of containers using it, its size and the part of it shared with other images (layers with the same chain id),
 * the total of distinct layers (LayersSize); every container with the bytes of its writable layer (SizeRw) and
 * that plus its image (SizeRootFs); every volume with the bytes under its data dir and how many containers mount
 * it. Sizes count file bytes, not blocks or tar bytes, as dockerd does. BuildCache is empty: dockerd lists only
 * BuildKit's cache there, and the embedded engine's classic builder keeps its step cache elsewhere (as
 * dockerd's classic builder keeps intermediate images).
 */
final class DiskUsageRoutes {
    private final ContainerEngine engine;
    private final ImageStore images;
    private final ContainerViews views;
    private final VolumeRoutes volumes;

    DiskUsageRoutes(ContainerEngine engine, ContainerViews views) {
        this.engine = engine;
        this.images = engine.images();
        this.views = views;
        this.volumes = new VolumeRoutes(engine);
    }

    void register(Router r) {
        r.get("/system/df", this::diskUsage);
    }

    /** A container row with SizeRw (its own layer) and SizeRootFs (that plus its image), as ps -s and df show. */
    static ObjectNode withSizes(ObjectNode row, ContainerEngine engine, ContainerRecord c) {
        long rw = engine.writableSize(c.id());
        long image = 0;
        try {
            image = engine.images().layerUsage(Digest.parse(c.imageId())).values().stream()
                    .mapToLong(Long::longValue).sum();
        } catch (RuntimeException e) {
            // the image was removed under a stopped container (rmi -f): dockerd shows its own layer only too
        }
        row.put("SizeRw", rw);
        row.put("SizeRootFs", rw + image);
        return row;
    }

    private ApiResponse diskUsage(ApiRequest req) {
        ObjectNode out = DockerJson.object();
        List<ImageSummary> all = images.list(ImageFilters.NONE);
        Map<String, Map<String, Long>> layersOf = new LinkedHashMap<>();
        Map<String, Integer> imagesPerLayer = new HashMap<>();
        Map<String, Long> distinct = new HashMap<>();
        for (ImageSummary image : all) {
            Map<String, Long> layers = images.layerUsage(image.id());
            layersOf.put(image.id().toString(), layers);
            layers.forEach((chain, size) -> {
                imagesPerLayer.merge(chain, 1, Integer::sum);
                distinct.put(chain, size);
            });
        }
        out.put("LayersSize", distinct.values().stream().mapToLong(Long::longValue).sum());
        ArrayNode imageRows = out.putArray("Images");
        for (ImageSummary image : all) {
            ObjectNode row = DockerJson.MAPPER.valueToTree(ImageViewsJson.summary(image, image.repoTags(),
                    image.repoDigests()));
            long shared = layersOf.get(image.id().toString()).entrySet().stream()
                    .filter(e -> imagesPerLayer.get(e.getKey()) > 1).mapToLong(Map.Entry::getValue).sum();
            row.put("Containers", engine.usersOf(image.id()).size());
            row.put("SharedSize", shared);
            imageRows.add(row);
        }
        ArrayNode containerRows = out.putArray("Containers");
        for (ContainerRecord c : engine.list()) {
            containerRows.add(withSizes(views.summary(c), engine, c));
        }
        ArrayNode volumeRows = out.putArray("Volumes");
        for (VolumeRecord v : engine.volumes().list()) {
            ObjectNode row = volumes.view(v);
            row.putObject("UsageData").put("RefCount", engine.volumeUsers(v.name()).size())
                    .put("Size", DiskUsage.of(engine.volumes().dataDir(v.name())).size());
            volumeRows.add(row);
        }
        out.putArray("BuildCache");
        out.put("BuilderSize", 0);
        return ApiResponse.json(out);
    }
}

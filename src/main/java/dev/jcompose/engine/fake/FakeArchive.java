package dev.jcompose.engine.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.wire.Json;
import dev.jcompose.engine.wire.ObjectJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the fake needs from a `docker save` archive: manifest.json's RepoTags and each image's config
 * (the runtime defaults). Layers are skipped unread; a fake has no filesystem to unpack them into.
 */
final class FakeArchive {
    /** Configs and manifests are small; anything bigger is a layer. */
    private static final long KEEP_LIMIT = 4L << 20;
    private static final int BLOCK = 512;

    record LoadedImage(List<String> repoTags, ImageConfig config) {
    }

    private FakeArchive() {
    }

    static List<LoadedImage> read(InputStream tar) {
        Map<String, byte[]> files = smallFiles(tar);
        byte[] manifest = files.get("manifest.json");
        if (manifest == null) {
            throw EngineErrors.failure("invalid archive: no manifest.json (not a docker save archive)");
        }
        List<LoadedImage> out = new ArrayList<>();
        for (JsonNode entry : Json.parse(new String(manifest, StandardCharsets.UTF_8))) {
            byte[] config = files.get(Json.text(entry, "Config"));
            if (config == null) {
                throw EngineErrors.failure("invalid archive: missing config " + Json.text(entry, "Config"));
            }
            JsonNode configJson = Json.parse(new String(config, StandardCharsets.UTF_8));
            out.add(new LoadedImage(Json.strings(entry, "RepoTags"), ObjectJson.imageConfig(configJson.get("config"))));
        }
        return out;
    }

    /** ustar entries: 512-byte header (name 0-100, size octal 124-136, type 156, prefix 345-500), data padded. */
    private static Map<String, byte[]> smallFiles(InputStream in) {
        Map<String, byte[]> files = new HashMap<>();
        try {
            byte[] header = new byte[BLOCK];
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12)
                        .trim(), 8);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if ((type == '0' || type == 0) && size <= KEEP_LIMIT) {
                    byte[] data = in.readNBytes((int) size);
                    in.skipNBytes(padded - size);
                    files.put(name.startsWith("./") ? name.substring(2) : name, data);
                } else {
                    in.skipNBytes(padded);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw EngineErrors.failure("invalid archive: " + e.getMessage(), e);
        }
        return files;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}

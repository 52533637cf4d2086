package dev.jcompose.runtime.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.content.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Image archives written in code the way Docker writes them: {@code docker save} of Docker up to 24
 * (v1 layer directories), of Docker 25+ (OCI layout + manifest.json, layers plain or compressed with the
 * containerd image store), and a pure OCI image layout archive. Layers are tars from {@link TarBuilder}.
 */
public final class ImageArchives {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Format { DOCKER_LEGACY, DOCKER_OCI, OCI_LAYOUT }

    private ImageArchives() {
    }

    /** The config JSON of an image with these uncompressed layers. */
    public static byte[] config(List<byte[]> uncompressedLayers, Map<String, String> labels, List<String> cmd,
            String created) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("created", created);
        ObjectNode container = config.putObject("config");
        container.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        ArrayNode cmdNode = container.putArray("Cmd");
        cmd.forEach(cmdNode::add);
        ObjectNode labelNode = container.putObject("Labels");
        labels.forEach(labelNode::put);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        for (int i = 0; i < uncompressedLayers.size(); i++) {
            diffIds.add(Digest.of(uncompressedLayers.get(i)).toString());
            history.addObject().put("created", created).put("created_by", "/bin/sh -c #(nop) layer " + i);
        }
        history.addObject().put("created", created).put("created_by", "/bin/sh -c #(nop) CMD").put("empty_layer", true);
        return write(config);
    }

    /**
     * An archive of one image.
     *
     * @param layerBlobs the layers as stored (gzip-compressed for the containerd-store variant)
     */
    public static byte[] archive(Format format, byte[] config, List<byte[]> layerBlobs, List<String> repoTags) {
        TarBuilder tar = new TarBuilder();
        Digest configDigest = Digest.of(config);
        List<String> layerPaths = new ArrayList<>();
        if (format == Format.DOCKER_LEGACY) {
            tar.file(configDigest.hex() + ".json", config, 0644);
            for (int i = 0; i < layerBlobs.size(); i++) {
                String v1Id = Digest.of(("v1 " + i + " " + configDigest).getBytes()).hex();
                tar.dir(v1Id, 0755);
                tar.file(v1Id + "/VERSION", "1.0", 0644);
                tar.file(v1Id + "/json", "{\"id\":\"" + v1Id + "\"}", 0644);
                tar.file(v1Id + "/layer.tar", layerBlobs.get(i), 0644);
                layerPaths.add(v1Id + "/layer.tar");
            }
        } else {
            tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}", 0644);
            tar.dir("blobs", 0755).dir("blobs/sha256", 0755);
            tar.file("blobs/sha256/" + configDigest.hex(), config, 0644);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", config));
            ArrayNode layers = manifest.putArray("layers");
            for (byte[] blob : layerBlobs) {
                Digest digest = Digest.of(blob);
                tar.file("blobs/sha256/" + digest.hex(), blob, 0644);
                layers.add(descriptor("application/vnd.oci.image.layer.v1.tar", blob));
                layerPaths.add("blobs/sha256/" + digest.hex());
            }
            byte[] manifestBytes = write(manifest);
            tar.file("blobs/sha256/" + Digest.of(manifestBytes).hex(), manifestBytes, 0644);
            ObjectNode index = JSON.createObjectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", "application/vnd.oci.image.index.v1+json");
            ArrayNode manifests = index.putArray("manifests");
            ObjectNode entry = descriptor("application/vnd.oci.image.manifest.v1+json", manifestBytes);
            if (!repoTags.isEmpty()) {
                String full = repoTags.get(0).contains("/") ? repoTags.get(0) : "docker.io/library/" + repoTags.get(0);
                entry.putObject("annotations").put("io.containerd.image.name", full)
                        .put("org.opencontainers.image.ref.name", full.substring(full.lastIndexOf(':') + 1));
            }
            manifests.add(entry);
            tar.file("index.json", write(index), 0644);
        }
        if (format != Format.OCI_LAYOUT) {
            ObjectNode item = JSON.createObjectNode();
            item.put("Config", format == Format.DOCKER_LEGACY ? configDigest.hex() + ".json"
                    : "blobs/sha256/" + configDigest.hex());
            ArrayNode tags = item.putArray("RepoTags");
            repoTags.forEach(tags::add);
            ArrayNode layers = item.putArray("Layers");
            layerPaths.forEach(layers::add);
            ArrayNode manifestJson = JSON.createArrayNode().add(item);
            tar.file("manifest.json", write(manifestJson), 0644);
            tar.file("repositories", "{}", 0644);
        }
        return tar.build();
    }

    private static ObjectNode descriptor(String mediaType, byte[] blob) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", Digest.of(blob).toString());
        node.put("size", blob.length);
        return node;
    }

    private static byte[] write(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.jcompose.runtime.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.jcompose.runtime.content.Digest;
import java.util.List;

/**
 * What the image store keeps about one image beside its blobs ({@code <root>/images/records/<hex>.json}).
 *
 * @param id the image id: digest of the config blob
 * @param manifest digest of the stored manifest blob, or null (docker save archives carry none)
 * @param layers bottom first, one per rootfs diff_id
 * @param added when the image entered this store (RFC 3339)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageRecord(
        @JsonProperty("id") Digest id,
        @JsonProperty("manifest") Digest manifest,
        @JsonProperty("layers") List<Layer> layers,
        @JsonProperty("added") String added) {

    public ImageRecord {
        layers = List.copyOf(layers);
    }

    /** One layer: the stored blob (maybe compressed) and the digest/size of its uncompressed tar. */
    public record Layer(
            @JsonProperty("blob") Digest blob,
            @JsonProperty("mediaType") String mediaType,
            @JsonProperty("size") long size,
            @JsonProperty("diffId") Digest diffId,
            @JsonProperty("uncompressedSize") long uncompressedSize) {
    }

    public List<Digest> diffIds() {
        return layers.stream().map(Layer::diffId).toList();
    }

    /** Uncompressed size of all layers: what {@code docker image inspect} calls Size. */
    public long size() {
        return layers.stream().mapToLong(Layer::uncompressedSize).sum();
    }
}

package dev.jcompose.runtime.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An image as {@code docker image inspect} shows it (Engine API 1.41 field names). Parent is always empty:
 * images here come from archives, imports and pulls, which have no local parent chain.
 */
public record ImageInspect(
        @JsonProperty("Id") String id,
        @JsonProperty("RepoTags") List<String> repoTags,
        @JsonProperty("RepoDigests") List<String> repoDigests,
        @JsonProperty("Parent") String parent,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Created") String created,
        @JsonProperty("DockerVersion") String dockerVersion,
        @JsonProperty("Author") String author,
        @JsonProperty("Config") RunConfig config,
        @JsonProperty("Architecture") String architecture,
        @JsonProperty("Variant") String variant,
        @JsonProperty("Os") String os,
        @JsonProperty("Size") long size,
        @JsonProperty("VirtualSize") long virtualSize,
        @JsonProperty("RootFS") RootFs rootFs,
        @JsonProperty("Metadata") Metadata metadata) {

    public record RootFs(@JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {
    }

    /** LastTagTime: when a reference last moved to this image (null if never tagged). */
    public record Metadata(@JsonProperty("LastTagTime") String lastTagTime) {
    }
}

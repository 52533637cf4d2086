package dev.jcompose.runtime.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.jcompose.runtime.content.Digest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * An OCI image configuration (the blob whose digest is the image id), with the Docker extras that
 * {@code docker image inspect} shows (comment, docker_version). Only read from stored bytes or written once
 * for a new image: the id is the digest of the original bytes, never of a re-serialisation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageConfig(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("variant") String variant,
        @JsonProperty("created") String created,
        @JsonProperty("author") String author,
        @JsonProperty("comment") String comment,
        @JsonProperty("docker_version") String dockerVersion,
        @JsonProperty("config") RunConfig config,
        @JsonProperty("rootfs") RootFs rootfs,
        @JsonProperty("history") List<HistoryEntry> history) {

    public ImageConfig {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** How to run containers of this image ("config"), never null. */
    public RunConfig runConfig() {
        return config == null ? RunConfig.EMPTY : config;
    }

    public List<Digest> diffIds() {
        return rootfs == null ? List.of() : rootfs.diffIds();
    }

    /** Creation time, or null when absent or unparsable (some tools write none). */
    public Instant createdAt() {
        return parseTime(created);
    }

    static Instant parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** rootfs: the uncompressed digests of the layers, bottom first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
        public RootFs {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }
    }

    /** One build step; empty_layer steps changed only the config. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryEntry(
            @JsonProperty("created") String created,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("author") String author,
            @JsonProperty("comment") String comment,
            @JsonProperty("empty_layer") boolean emptyLayer) {
    }
}

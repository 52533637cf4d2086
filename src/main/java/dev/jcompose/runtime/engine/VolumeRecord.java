package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A local volume's metadata, {@code <root>/volumes/<name>/volume.json}; its data is the directory beside it,
 * {@code _data}. {@code anonymous} marks volumes the engine made for a container (image VOLUME, unnamed mounts).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeRecord(
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("Anonymous") boolean anonymous) {

    public VolumeRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}

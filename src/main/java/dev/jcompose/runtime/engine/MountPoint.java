package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One mount of a container as decided at create: a host path bind, a volume (named or anonymous) or a tmpfs.
 * The first six fields are Docker's inspect "Mounts" entry; the rest is what start needs.
 *
 * @param source host path of a bind or of the volume's {@code _data}; empty for tmpfs
 * @param mode Docker's mode string as given in a bind spec ("ro", "rw,z"...), "" otherwise
 * @param copyData copy the image's content at the destination into the volume when it is empty
 * @param tmpfsOptions mount(8) options of a tmpfs beyond Docker's defaults (size=..., mode=..., exec...)
 * @param fromBinds the mount came from HostConfig.Binds (a missing host path is created, as Docker does)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MountPoint(
        @JsonProperty("Type") String type,
        @JsonProperty("Name") String name,
        @JsonProperty("Source") String source,
        @JsonProperty("Destination") String destination,
        @JsonProperty("Mode") String mode,
        @JsonProperty("RW") boolean rw,
        @JsonProperty("Propagation") String propagation,
        @JsonProperty("Anonymous") boolean anonymous,
        @JsonProperty("CopyData") boolean copyData,
        @JsonProperty("TmpfsOptions") List<String> tmpfsOptions,
        @JsonProperty("FromBinds") boolean fromBinds) {

    public static final String BIND = "bind";
    public static final String VOLUME = "volume";
    public static final String TMPFS = "tmpfs";

    public MountPoint {
        name = name == null ? "" : name;
        source = source == null ? "" : source;
        mode = mode == null ? "" : mode;
        propagation = propagation == null ? "" : propagation;
        tmpfsOptions = tmpfsOptions == null ? List.of() : List.copyOf(tmpfsOptions);
    }

    public boolean isVolume() {
        return VOLUME.equals(type);
    }

    /** Docker's "Driver" of a mount point: "local" for volumes, empty otherwise. */
    public String driver() {
        return isVolume() ? "local" : "";
    }
}

package dev.jcompose.runtime.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** An OCI platform; only os, architecture and variant take part in matching. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("os") String os,
        @JsonProperty("variant") String variant) {

    /** The platform of this JVM in Go's names (amd64, arm64...), which images use. */
    public static Platform host() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> new Platform("amd64", "linux", null);
            case "aarch64", "arm64" -> new Platform("arm64", "linux", "v8");
            case "x86", "i386", "i686" -> new Platform("386", "linux", null);
            default -> new Platform(arch, "linux", null);
        };
    }

    /** Whether an image built for {@code other} runs here (arm64's variant is optional in indexes). */
    public boolean accepts(Platform other) {
        if (other == null || !os.equals(other.os) || !architecture.equals(other.architecture)) {
            return false;
        }
        return variant == null || other.variant == null || variant.equals(other.variant);
    }
}

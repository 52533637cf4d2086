package dev.jcompose.state;

/**
 * One mount of an observed container. For {@code type} volume, {@code name} is the volume name (a project volume's
 * engine name, or a 64-hex id for an anonymous volume); for bind mounts {@code source} is the host path.
 */
public record ObservedMount(String type, String name, String source, String target) {
    public static ObservedMount volume(String name, String target) {
        return new ObservedMount("volume", name, null, target);
    }

    public static ObservedMount bind(String source, String target) {
        return new ObservedMount("bind", null, source, target);
    }

    public boolean isVolume() {
        return "volume".equals(type);
    }
}

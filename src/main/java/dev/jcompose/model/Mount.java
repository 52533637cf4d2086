package dev.jcompose.model;

/**
 * A service volume in long syntax. type is volume, bind, tmpfs, npipe, cluster or image; source is a project
 * volume key (type volume), an absolute host path (bind) or null (anonymous volume, tmpfs).
 */
public record Mount(String type, String source, String target, boolean readOnly, String consistency,
        Boolean bindCreateHostPath, String bindPropagation, String bindSelinux, Boolean volumeNocopy,
        String volumeSubpath, Long tmpfsSize, Integer tmpfsMode) {
    public boolean isAnonymousVolume() {
        return "volume".equals(type) && (source == null || source.isEmpty());
    }
}

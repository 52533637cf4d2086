package dev.jcompose.runtime.snapshot;

import dev.jcompose.runtime.RuntimeError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the mounts of an overlay snapshot (pure: no file system access).
 *
 * <p>The legacy mount(2) call copies at most one page of option text, so a long lowerdir chain of absolute
 * paths fails. When the absolute form does not fit, every path is made relative to the snapshots directory
 * ({@code 12/fs} instead of {@code /var/lib/jcompose/snapshots/12/fs}) and the mount carries that directory
 * as its working directory: the mounter runs mount(8) from there and the kernel resolves the paths against
 * it. If even that does not fit, or the chain is deeper than overlayfs allows (500 lower layers), the
 * snapshot cannot be mounted and the error says so; Docker's own limit (125 layers) is far below either.
 */
final class OverlayOptions {
    /** One page (4096 on x86-64) minus the terminating NUL. */
    static final int MAX_OPTION_BYTES = 4095;
    /** OVL_MAX_STACK in the kernel. */
    static final int MAX_LOWER_LAYERS = 500;
    static final String FS = "fs";
    static final String WORK = "work";

    private OverlayOptions() {
    }

    /**
     * @param parentIds the ids of the committed parents, nearest first
     * @param extraOptions overlay options added to every overlay mount (e.g. index=off)
     */
    static List<Mount> mounts(Path snapshotsDir, Kind kind, long id, List<Long> parentIds,
            List<String> extraOptions, int maxOptionBytes) {
        if (parentIds.isEmpty()) {
            // Nothing below: a bind mount of the snapshot's own (empty or written) directory.
            return List.of(bind(layerDir(snapshotsDir, id), kind == Kind.VIEW));
        }
        if (kind == Kind.VIEW && parentIds.size() == 1) {
            // overlayfs needs two lower layers when there is no upper; one parent is a read-only bind.
            return List.of(bind(layerDir(snapshotsDir, parentIds.get(0)), true));
        }
        if (parentIds.size() > MAX_LOWER_LAYERS) {
            throw tooDeep(parentIds.size(), "overlayfs stacks at most " + MAX_LOWER_LAYERS + " lower layers");
        }
        List<String> absolute = overlayOptions(snapshotsDir.toAbsolutePath().toString() + "/", kind, id, parentIds,
                extraOptions);
        if (bytes(absolute) <= maxOptionBytes) {
            return List.of(new Mount("overlay", "overlay", absolute));
        }
        List<String> relative = overlayOptions("", kind, id, parentIds, extraOptions);
        if (bytes(relative) <= maxOptionBytes) {
            return List.of(new Mount("overlay", "overlay", relative, snapshotsDir.toAbsolutePath()));
        }
        throw tooDeep(parentIds.size(), "the overlay mount options exceed one page even with relative paths");
    }

    static Path layerDir(Path snapshotsDir, long id) {
        return snapshotsDir.resolve(Long.toString(id)).resolve(FS);
    }

    static Path workDir(Path snapshotsDir, long id) {
        return snapshotsDir.resolve(Long.toString(id)).resolve(WORK);
    }

    private static List<String> overlayOptions(String prefix, Kind kind, long id, List<Long> parentIds,
            List<String> extraOptions) {
        List<String> options = new ArrayList<>();
        options.add("lowerdir=" + parentIds.stream().map(parent -> prefix + parent + "/" + FS)
                .collect(Collectors.joining(":")));
        if (kind == Kind.ACTIVE) {
            options.add("upperdir=" + prefix + id + "/" + FS);
            options.add("workdir=" + prefix + id + "/" + WORK);
        }
        options.addAll(extraOptions);
        return options;
    }

    private static Mount bind(Path source, boolean readOnly) {
        return new Mount("bind", source.toAbsolutePath().toString(), List.of("rbind", readOnly ? "ro" : "rw"));
    }

    static int bytes(List<String> options) {
        return String.join(",", options).getBytes(StandardCharsets.UTF_8).length;
    }

    private static RuntimeError tooDeep(int layers, String why) {
        return new RuntimeError(500, "cannot mount a snapshot with " + layers + " parent layers: "
                + why);
    }
}

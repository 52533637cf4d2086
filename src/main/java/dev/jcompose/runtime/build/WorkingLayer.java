package dev.jcompose.runtime.build;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.snapshot.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The writable layer of one build step: an ACTIVE snapshot (key {@code build-<id>}) over the parent's layers,
 * mounted at {@code <root>/build/mounts/<key>}. {@link #commit} turns its upper directory into a layer blob and
 * the snapshot into the committed snapshot of the new chain (no re-extraction for the next step);
 * {@link #close} without a commit unmounts and drops everything, so a failed step leaves nothing.
 */
final class WorkingLayer implements AutoCloseable {
    static final String KEY_PREFIX = "build-";

    private final BuildEnvironment env;
    private final String key;
    private final String parentChain;
    private final List<Mount> mounts;
    private final Path rootfs;
    private boolean done;

    private WorkingLayer(BuildEnvironment env, String key, String parentChain, List<Mount> mounts, Path rootfs) {
        this.env = env;
        this.key = key;
        this.parentChain = parentChain;
        this.mounts = mounts;
        this.rootfs = rootfs;
    }

    static WorkingLayer open(BuildEnvironment env, ImageState parent) {
        String key = KEY_PREFIX + java.util.HexFormat.of().formatHex(randomBytes());
        String chain = null;
        List<Mount> mounts = null;
        // a concurrent release of unused layers may drop the parent chain between unpack and prepare: retry once
        for (int attempt = 0; mounts == null; attempt++) {
            chain = env.images().unpackLayers(parent.layers());
            try {
                mounts = env.snapshots().prepare(key, chain);
            } catch (RuntimeError e) {
                if (e.status() != 404 || attempt > 0) {
                    throw e;
                }
            }
        }
        Path rootfs = env.mountsDir().resolve(key);
        WorkingLayer layer = new WorkingLayer(env, key, chain, mounts, rootfs);
        try {
            Files.createDirectories(rootfs);
            env.mounter().mount(mounts, rootfs);
        } catch (IOException | RuntimeException e) {
            layer.close();
            throw e instanceof RuntimeException re ? re : new BuildException("cannot mount the build layer: " + e);
        }
        return layer;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    Path rootfs() {
        return rootfs;
    }

    /** The directory that holds this step's changes only. */
    private Path upper() {
        Mount m = mounts.get(0);
        return m.type().equals("overlay") ? m.pathOption("upperdir") : Path.of(m.source());
    }

    void unmount() {
        env.mounter().unmount(rootfs);
    }

    /**
     * Unmounts, writes the changes as a layer and commits the snapshot under the new chain id; null (and the
     * snapshot dropped) when nothing changed.
     */
    ImageRecord.Layer commit(Set<String> skip) {
        unmount();
        for (String path : skip) {
            Path p = upper().resolve(path);
            deletePlaceholder(p);
            // a parent copied up only to hold the mount point is no change either
            for (Path parent = p.getParent(); !parent.equals(upper()); parent = parent.getParent()) {
                deletePlaceholder(parent);
            }
        }
        ImageRecord.Layer layer = LayerWriter.write(upper(), Set.of(), env.content());
        if (layer == null) {
            close();
            return null;
        }
        Digest diff = layer.diffId();
        String chain = parentChain == null ? diff.toString()
                : Digest.of((parentChain + " " + diff).getBytes(StandardCharsets.US_ASCII)).toString();
        if (env.snapshots().exists(chain)) {
            close(); // the same layer was built before: keep the existing snapshot
        } else {
            env.snapshots().commit(chain, key);
            done = true;
            deleteMountDir();
        }
        return layer;
    }

    /** A mount point runc made for the RUN (empty file or dir) is not part of the layer. */
    private static void deletePlaceholder(Path path) {
        try {
            if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(path) == 0) {
                Files.delete(path);
            } else if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (var list = Files.list(path)) {
                    if (list.findAny().isEmpty()) {
                        Files.delete(path);
                    }
                }
            }
        } catch (IOException e) {
            // left in the layer: an empty mount point is harmless
        }
    }

    private void deleteMountDir() {
        try {
            Files.deleteIfExists(rootfs);
        } catch (IOException e) {
            // an empty directory; removed at the next daemon start
        }
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            unmount();
        } finally {
            if (env.snapshots().exists(key)) {
                env.snapshots().remove(key);
            }
            deleteMountDir();
        }
    }
}

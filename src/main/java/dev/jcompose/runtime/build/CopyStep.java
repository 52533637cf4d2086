package dev.jcompose.runtime.build;

import dev.jcompose.runtime.engine.ScopedPath;
import dev.jcompose.runtime.engine.UserResolver;
import dev.jcompose.runtime.fs.Posix;
import dev.jcompose.runtime.image.Compression;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.LayerUnpacker;
import dev.jcompose.runtime.oci.UserSpec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * COPY and ADD into a mounted snapshot of the parent: Docker's destination rules (a trailing / or an existing
 * directory means "into"; a directory source copies its content; several sources need a directory
 * destination), files owned by 0:0 unless --chown (names looked up in the image's own passwd/group), modes
 * and mtimes kept unless --chmod, destinations resolved inside the rootfs (an image symlink never leads out).
 * ADD unpacks local tar archives (plain or compressed) into the destination.
 */
final class CopyStep {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final BuildEnvironment env;

    CopyStep(BuildEnvironment env) {
        this.env = env;
    }

    /** @param dest already made absolute against the working directory */
    ImageRecord.Layer copy(ImageState parent, List<CopySources.Source> sources, String dest, boolean add,
            String chown, String chmod) throws IOException {
        String keyword = add ? "ADD" : "COPY";
        if (sources.size() > 1 && !dest.endsWith("/")) {
            throw new BuildException("When using " + keyword + " with more than one source file, the destination "
                    + "must be a directory and end with a /");
        }
        Integer mode = null;
        if (chmod != null) {
            try {
                mode = Integer.parseInt(chmod, 8) & 07777;
            } catch (NumberFormatException e) {
                throw new BuildException("invalid chmod parameter: " + chmod);
            }
        }
        try (WorkingLayer layer = WorkingLayer.open(env, parent)) {
            Path rootfs = layer.rootfs();
            UserSpec owner = chown == null || chown.isEmpty() ? UserSpec.ROOT
                    : UserResolver.forRootfs(rootfs).resolve(chown, List.of());
            Writer writer = new Writer(owner, mode);
            for (CopySources.Source s : sources) {
                Path target = ScopedPath.resolve(rootfs, dest);
                boolean into = dest.endsWith("/") || Files.isDirectory(target);
                if (Files.isDirectory(s.path(), NOFOLLOW)) {
                    writer.mkdirs(rootfs, target);
                    writer.copyContent(s.path(), target);
                } else if (add && isArchive(s.path())) {
                    writer.mkdirs(rootfs, target);
                    try (InputStream in = Files.newInputStream(s.path())) {
                        LayerUnpacker.unpack(in, target, LayerUnpacker.WhiteoutMode.APPLY);
                    }
                } else {
                    Path file = into ? target.resolve(Path.of(s.name().isEmpty() ? "." : s.name()).getFileName()
                            .toString()) : target;
                    writer.mkdirs(rootfs, file.getParent());
                    writer.copyOne(s.path(), file);
                }
            }
            return layer.commit(Set.of());
        }
    }

    /** A local file ADD unpacks: a tar, possibly gzip/bzip2/zstd compressed. */
    static boolean isArchive(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                TarArchiveInputStream tar = new TarArchiveInputStream(Compression.decompress(raw),
                        StandardCharsets.UTF_8.name())) {
            return tar.getNextEntry() != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Writes files with the step's owner and mode rules; never follows a link at a destination. */
    private record Writer(UserSpec owner, Integer mode) {
        void mkdirs(Path rootfs, Path dir) throws IOException {
            if (!dir.startsWith(rootfs)) {
                throw new BuildException("destination outside the image: " + dir);
            }
            if (Files.isDirectory(dir)) {
                return;
            }
            mkdirs(rootfs, dir.getParent());
            Files.deleteIfExists(dir);
            Files.createDirectory(dir);
            Posix.lchown(dir, owner.uid(), owner.gid());
            Posix.chmod(dir, 0755);
        }

        void copyContent(Path from, Path to) throws IOException {
            List<Path> children;
            try (Stream<Path> list = Files.list(from)) {
                children = list.sorted().toList();
            }
            for (Path child : children) {
                copyOne(child, to.resolve(child.getFileName().toString()));
            }
        }

        void copyOne(Path from, Path to) throws IOException {
            if (Files.isDirectory(from, NOFOLLOW)) {
                if (!Files.isDirectory(to, NOFOLLOW)) {
                    Files.deleteIfExists(to);
                    Files.createDirectory(to);
                }
                copyContent(from, to);
                finish(from, to);
                return;
            }
            if (Files.isSymbolicLink(from)) {
                Files.deleteIfExists(to);
                Files.createSymbolicLink(to, Files.readSymbolicLink(from));
                Posix.lchown(to, owner.uid(), owner.gid());
                return;
            }
            if (!Files.isRegularFile(from, NOFOLLOW)) {
                return; // devices, fifos and sockets are not copied
            }
            if (Files.isDirectory(to, NOFOLLOW)) {
                throw new BuildException("cannot copy to non-directory: " + to.getFileName() + " is a directory");
            }
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
            finish(from, to);
        }

        private void finish(Path from, Path to) throws IOException {
            Posix.lchown(to, owner.uid(), owner.gid());
            int sourceMode = (Integer) Files.getAttribute(from, "unix:mode", NOFOLLOW) & 07777;
            Posix.chmod(to, mode != null ? mode : sourceMode);
            Files.setLastModifiedTime(to, Files.getLastModifiedTime(from, NOFOLLOW));
        }
    }
}

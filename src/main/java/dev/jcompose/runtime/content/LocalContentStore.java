package dev.jcompose.runtime.content;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.fs.AtomicFiles;
import dev.jcompose.runtime.fs.LayoutVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The content store on a local file system:
 * <pre>
 *   &lt;root&gt;/content/blobs/sha256/&lt;hex&gt;   committed blobs, read-only
 *   &lt;root&gt;/content/ingest/&lt;random&gt;      ingests in progress (same file system, so the commit is a rename)
 * </pre>
 * Two ingests of the same bytes may run at once: each writes its own temp file and the second rename
 * atomically replaces identical content, so readers never see a partial blob.
 */
public final class LocalContentStore implements ContentStore {
    private static final System.Logger LOG = System.getLogger(LocalContentStore.class.getName());
    private final Path blobs;
    private final Path ingest;
    private final Path pins;
    private final List<String> openCleanup = new ArrayList<>();

    public LocalContentStore(Path root) {
        this.blobs = root.resolve("content").resolve("blobs").resolve(Digest.ALGORITHM);
        this.ingest = root.resolve("content").resolve("ingest");
        this.pins = root.resolve("content").resolve("pins");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(ingest);
        } catch (IOException e) {
            throw RuntimeError.internal("cannot create content store under " + root + ": " + e.getMessage(), e);
        }
        LayoutVersion.ensure(root);
        removeAbandonedIngests();
    }

    @Override
    public ContentWriter writer() {
        return new LocalContentWriter(ingest, this::commitFile);
    }

    /** Called by a writer once its temp file is fsynced and verified. */
    private BlobInfo commitFile(Path temp, Digest digest, long size) throws IOException {
        Path target = blobPath(digest);
        if (!Files.exists(target)) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.fsyncDirectory(blobs);
        } else {
            // Same digest, same bytes: the blob is already there (another ingest won the race).
            Files.deleteIfExists(temp);
        }
        return info(digest).orElseThrow(() -> new IOException("blob vanished right after commit: " + digest));
    }

    @Override
    public Optional<BlobInfo> info(Digest digest) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(blobPath(digest), BasicFileAttributes.class);
            return Optional.of(new BlobInfo(digest, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw RuntimeError.internal("cannot stat blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(Digest digest) {
        try {
            return Files.newInputStream(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw RuntimeError.notFound("content " + digest + " not found");
        } catch (IOException e) {
            throw RuntimeError.internal("cannot open blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(Digest digest) {
        try (InputStream in = open(digest)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw RuntimeError.internal("cannot read blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path path(Digest digest) {
        Path path = blobPath(digest);
        if (!Files.exists(path)) {
            throw RuntimeError.notFound("content " + digest + " not found");
        }
        return path;
    }

    @Override
    public boolean delete(Digest digest) {
        try {
            boolean deleted = Files.deleteIfExists(blobPath(digest));
            if (deleted) {
                AtomicFiles.fsyncDirectory(blobs);
            }
            return deleted;
        } catch (IOException e) {
            throw RuntimeError.internal("cannot delete blob " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<BlobInfo> list() {
        List<BlobInfo> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(blobs)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Digest.isValid(Digest.ALGORITHM + ":" + name)) {
                    info(new Digest(name)).ifPresent(result::add);
                }
            }
        } catch (IOException e) {
            throw RuntimeError.internal("cannot list blobs: " + e.getMessage(), e);
        }
        result.sort(Comparator.comparing(BlobInfo::digest));
        return result;
    }

    private Path blobPath(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    /** What opening the store removed (abandoned ingests), one line per file. */
    public List<String> openCleanup() {
        return List.copyOf(openCleanup);
    }

    /** Temp files left by a crash mid-ingest belong to nobody once the store (re)opens. */
    private void removeAbandonedIngests() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ingest)) {
            for (Path entry : entries) {
                long size = Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.size(entry) : 0;
                if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    dev.jcompose.runtime.fs.Trees.delete(entry);
                } else {
                    Files.deleteIfExists(entry);
                }
                openCleanup.add("ingest " + entry.getFileName() + " (" + size + " bytes)");
                LOG.log(System.Logger.Level.INFO, "removed abandoned ingest " + entry);
            }
        } catch (IOException | UncheckedIOException e) {
            throw RuntimeError.internal("cannot clean " + ingest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void pin(String owner, java.util.Collection<Digest> digests) {
        if (!owner.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,200}")) {
            throw new IllegalArgumentException("bad pin owner " + owner);
        }
        StringBuilder text = new StringBuilder();
        digests.stream().map(Digest::toString).sorted().forEach(d -> text.append(d).append('\n'));
        try {
            Files.createDirectories(pins);
            dev.jcompose.runtime.fs.AtomicFiles.write(pins.resolve(owner),
                    text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw RuntimeError.internal("cannot pin blobs for " + owner + ": " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.Set<Digest> pinned() {
        java.util.Set<Digest> out = new java.util.HashSet<>();
        if (!Files.isDirectory(pins)) {
            return out;
        }
        try (var files = Files.newDirectoryStream(pins)) {
            for (Path f : files) {
                for (String line : Files.readAllLines(f, java.nio.charset.StandardCharsets.US_ASCII)) {
                    if (!line.isBlank()) {
                        try {
                            out.add(Digest.parse(line.strip()));
                        } catch (RuntimeException torn) {
                            // a torn pin file keeps what it can; the blob is rebuilt if it goes
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw RuntimeError.internal("cannot read blob pins: " + e.getMessage(), e);
        }
        return out;
    }
}

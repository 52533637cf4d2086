package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * An OCI image layout (index.json + blobs/sha256/...) as an {@link ImageSource}: a directory, or the
 * blobs of a loaded archive. References resolve through the index's annotations: containerd's full name
 * ({@code io.containerd.image.name}) or the OCI ref name, which is either a full reference or only a tag.
 */
public final class OciLayoutSource implements ImageSource {
    public static final String CONTAINERD_NAME = "io.containerd.image.name";
    public static final String OCI_REF_NAME = "org.opencontainers.image.ref.name";

    private final ImageIndex index;
    private final Function<Digest, InputStream> blobs;

    public OciLayoutSource(ImageIndex index, Function<Digest, InputStream> blobs) {
        this.index = index;
        this.blobs = blobs;
    }

    /** A layout directory on disk, e.g. written by skopeo or umoci. */
    public static OciLayoutSource ofDirectory(Path dir) {
        ImageIndex index;
        try {
            index = ImageJson.read(Files.readAllBytes(dir.resolve("index.json")), ImageIndex.class, "index.json");
        } catch (IOException e) {
            throw RuntimeError.badRequest("not an OCI image layout: " + dir + " (" + e.getMessage() + ")");
        }
        return new OciLayoutSource(index, digest -> {
            try {
                return Files.newInputStream(dir.resolve("blobs").resolve(Digest.ALGORITHM).resolve(digest.hex()));
            } catch (NoSuchFileException e) {
                throw RuntimeError.notFound("blob " + digest + " not found in " + dir);
            } catch (IOException e) {
                throw RuntimeError.internal("cannot read blob " + digest + ": " + e.getMessage(), e);
            }
        });
    }

    public ImageIndex index() {
        return index;
    }

    @Override
    public Descriptor resolve(Reference reference) {
        for (Descriptor descriptor : index.manifests()) {
            Reference named = nameOf(descriptor);
            if (named != null && named.toString().equals(reference.toString())) {
                return descriptor;
            }
        }
        throw RuntimeError.notFound("No such image: " + reference.familiarString());
    }

    @Override
    public InputStream fetch(Descriptor descriptor) {
        return blobs.apply(descriptor.digest());
    }

    /** The full reference an index entry carries, or null when it has only a bare tag or nothing. */
    public static Reference nameOf(Descriptor descriptor) {
        for (String key : new String[] {CONTAINERD_NAME, OCI_REF_NAME}) {
            String value = descriptor.annotation(key);
            if (value != null && (value.contains("/") || value.contains(":")) && Reference.isValid(value)) {
                return Reference.parse(value).withDefaultTag();
            }
        }
        return null;
    }
}

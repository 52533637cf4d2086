package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.Descriptor;
import dev.jcompose.runtime.image.ImageJson;
import dev.jcompose.runtime.image.ImageManifest;
import dev.jcompose.runtime.image.ImageSource;
import dev.jcompose.runtime.image.MediaTypes;
import dev.jcompose.runtime.image.Reference;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link ImageSource} wrapper that reports a pull the way dockerd does, per layer (short id = 12 hex of
 * the layer blob's digest): "Already exists" for layers in the content store, else "Pulling fs layer", then
 * "Download complete" at the end of the blob and "Pull complete" once the image is stored. It answers the
 * first resolve from the descriptor already fetched, so the manifest is requested once.
 */
final class PullProgress implements ImageSource {
    private final ImageSource delegate;
    private final Reference resolved;
    private final Descriptor top;
    private final ContentStore content;
    private final JsonMessages messages;
    private final Set<Digest> layers = new HashSet<>();
    private final List<Digest> downloaded = new ArrayList<>();

    PullProgress(ImageSource delegate, Reference resolved, Descriptor top, ContentStore content, JsonMessages messages) {
        this.delegate = delegate;
        this.resolved = resolved;
        this.top = top;
        this.content = content;
        this.messages = messages;
    }

    @Override
    public Descriptor resolve(Reference reference) {
        return reference.withDefaultTag().equals(resolved) ? top : delegate.resolve(reference);
    }

    @Override
    public InputStream fetch(Descriptor descriptor) {
        String type = descriptor.mediaType() == null ? "" : descriptor.mediaType();
        if (MediaTypes.isManifest(type)) {
            byte[] bytes;
            try (InputStream in = delegate.fetch(descriptor)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw RuntimeError.internal("cannot read manifest " + descriptor.digest() + ": " + e.getMessage(), e);
            }
            announceLayers(bytes);
            return new ByteArrayInputStream(bytes);
        }
        InputStream in = delegate.fetch(descriptor);
        if (!layers.contains(descriptor.digest())) {
            return in;
        }
        String id = descriptor.digest().shortId();
        messages.status(id, "Downloading");
        return new FilterInputStream(in) {
            private boolean done;

            @Override
            public int read() throws IOException {
                return finish(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return finish(super.read(b, off, len));
            }

            private int finish(int n) {
                if (n < 0 && !done) {
                    done = true;
                    messages.status(id, "Download complete");
                    downloaded.add(descriptor.digest());
                }
                return n;
            }
        };
    }

    @Override
    public boolean recordsRepoDigests() {
        return delegate.recordsRepoDigests();
    }

    /** After the image is stored: "Pull complete" for each layer that was downloaded. */
    void completed() {
        downloaded.forEach(digest -> messages.status(digest.shortId(), "Pull complete"));
    }

    private void announceLayers(byte[] manifestBytes) {
        ImageManifest manifest;
        try {
            manifest = ImageJson.read(manifestBytes, ImageManifest.class, "image manifest");
        } catch (RuntimeError e) {
            return; // the store reports the bad manifest itself
        }
        for (Descriptor layer : manifest.layers()) {
            if (layer.digest() == null || !layers.add(layer.digest())) {
                continue;
            }
            messages.status(layer.digest().shortId(), content.exists(layer.digest()) ? "Already exists"
                    : "Pulling fs layer");
        }
    }
}

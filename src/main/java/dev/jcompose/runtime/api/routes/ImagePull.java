package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.content.ContentStore;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.Descriptor;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.Platform;
import dev.jcompose.runtime.image.Reference;
import dev.jcompose.runtime.registry.Credentials;
import dev.jcompose.runtime.registry.RegistryClient;
import dev.jcompose.runtime.registry.RegistrySource;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code POST /images/create?fromImage=..&tag=..}: a pull from an OCI Distribution registry. The manifest is
 * resolved before the answer starts, so "not found" and authentication failures are plain HTTP errors as with
 * dockerd; after that, progress goes out as JSON messages (Pulling from, per layer Already exists / Pulling fs
 * layer / Download complete / Pull complete, Digest, Status) and a failure is an error message in the stream.
 */
final class ImagePull {
    private final ImageStore images;
    private final ContentStore content;
    private final RegistryClient registry;

    ImagePull(ImageStore images, ContentStore content, RegistryClient registry) {
        this.images = images;
        this.content = content;
        this.registry = registry;
    }

    ApiResponse handle(ApiRequest req, String fromImage) {
        Reference ref = reference(fromImage, req.query("tag", ""));
        Platform requested = ImageTransfers.platform(req.query("platform", ""));
        Platform platform = requested == null ? Platform.host() : requested;
        Credentials credentials = RegistryAuthHeader.decode(req.header("X-Registry-Auth"));
        RegistrySource source = new RegistrySource(registry, credentials);
        Optional<Digest> before = images.find(ref.toString());
        Descriptor top = source.resolve(ref);
        return new ApiResponse.Streamed(200, JsonMessages.CONTENT_TYPE, out -> {
            JsonMessages messages = new JsonMessages(out);
            String shownId = ref.isDigested() ? ref.digest().toString() : ref.tag();
            messages.status(shownId, "Pulling from " + ref.path());
            PullProgress progress = new PullProgress(source, ref, top, content, messages);
            Digest id;
            try {
                id = images.pull(progress, ref.toString(), platform);
            } catch (UncheckedIOException e) {
                throw e.getCause(); // the client went away
            } catch (RuntimeError e) {
                messages.error(e.getMessage());
                return;
            } catch (RuntimeException e) {
                messages.error(String.valueOf(e.getMessage() == null ? e : e.getMessage()));
                return;
            }
            progress.completed();
            messages.status("Digest: " + top.digest());
            boolean upToDate = before.isPresent() && before.get().equals(id);
            messages.status("Status: " + (upToDate ? "Image is up to date for " : "Downloaded newer image for ")
                    + ref.familiarString());
        });
    }

    /** fromImage may carry a tag or digest; a tag parameter (which may be a digest) replaces it. Default latest. */
    static Reference reference(String fromImage, String tag) {
        Reference parsed = Reference.parse(fromImage);
        if (tag != null && !tag.isEmpty()) {
            return Digest.isValid(tag) ? parsed.withDigest(Digest.parse(tag)) : parsed.withTag(tag);
        }
        return parsed.withDefaultTag();
    }
}

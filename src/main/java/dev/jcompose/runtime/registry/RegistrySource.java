package dev.jcompose.runtime.registry;

import dev.jcompose.runtime.image.Descriptor;
import dev.jcompose.runtime.image.ImageSource;
import dev.jcompose.runtime.image.MediaTypes;
import dev.jcompose.runtime.image.Reference;
import dev.jcompose.runtime.content.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry as an {@link ImageSource}: {@code resolve} fetches the manifest or index a tag or digest names,
 * {@code fetch} returns manifests (from the bytes already fetched, else {@code /manifests/<digest>}) and blobs
 * ({@code /blobs/<digest>}). One session per repository, so a pull authenticates once. Images pulled from here
 * get a RepoDigest, as with dockerd.
 */
public final class RegistrySource implements ImageSource {
    private final RegistryClient client;
    private final Credentials credentials;
    private final Map<String, RegistrySession> sessions = new ConcurrentHashMap<>();
    private final Map<Digest, RegistrySession.Manifest> manifests = new ConcurrentHashMap<>();
    private volatile Reference lastResolved;

    public RegistrySource(RegistryClient client, Credentials credentials) {
        this.client = client;
        this.credentials = credentials == null ? Credentials.ANONYMOUS : credentials;
    }

    @Override
    public Descriptor resolve(Reference reference) {
        Reference named = reference.withDefaultTag();
        String tagOrDigest = named.isDigested() ? named.digest().toString() : named.tag();
        RegistrySession.Manifest manifest = session(named).manifest(tagOrDigest, named);
        manifests.put(manifest.digest(), manifest);
        lastResolved = named;
        return new Descriptor(manifest.mediaType(), manifest.digest(), manifest.bytes().length);
    }

    @Override
    public InputStream fetch(Descriptor descriptor) {
        RegistrySession.Manifest known = manifests.get(descriptor.digest());
        if (known != null) {
            return new ByteArrayInputStream(known.bytes());
        }
        Reference repository = lastResolved;
        if (repository == null) {
            throw new IllegalStateException("fetch before resolve");
        }
        String type = descriptor.mediaType() == null ? "" : descriptor.mediaType();
        if (MediaTypes.isIndex(type) || MediaTypes.isManifest(type)) {
            Reference byDigest = repository.withDigest(descriptor.digest());
            RegistrySession.Manifest manifest = session(repository).manifest(descriptor.digest().toString(), byDigest);
            manifests.put(manifest.digest(), manifest);
            return new ByteArrayInputStream(manifest.bytes());
        }
        return session(repository).blob(descriptor.digest());
    }

    @Override
    public boolean recordsRepoDigests() {
        return true;
    }

    private RegistrySession session(Reference reference) {
        return sessions.computeIfAbsent(reference.name(), name -> client.session(reference, credentials));
    }
}

package dev.jcompose.runtime.image;

import java.io.InputStream;

/**
 * Where images come from by reference: an OCI image layout (implemented, {@link OciLayoutSource}) or,
 * later, an OCI Distribution registry. {@link ImageStore#pull} does the rest (index → platform → manifest
 * → config → layers, every blob checked against its digest), so a source only finds and opens blobs.
 */
public interface ImageSource {
    /** The descriptor of the manifest or index {@code reference} names; 404 when the source has none. */
    Descriptor resolve(Reference reference);

    /** Opens a blob; the caller verifies its digest and size. 404 when the source has none. */
    InputStream fetch(Descriptor descriptor);

    /** Whether images from here get a RepoDigest ({@code name@manifest-digest}), as registry pulls do. */
    default boolean recordsRepoDigests() {
        return false;
    }
}

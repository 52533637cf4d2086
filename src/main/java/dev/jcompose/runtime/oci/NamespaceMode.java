package dev.jcompose.runtime.oci;

import java.nio.file.Path;

/** How the container gets one kind of namespace: its own new one, the host's, or an existing one by path. */
public sealed interface NamespaceMode {
    Private PRIVATE = new Private();
    Host HOST = new Host();

    /** A new namespace created by runc for this container. */
    record Private() implements NamespaceMode {}

    /** No namespace of this kind: the container shares the host's. */
    record Host() implements NamespaceMode {}

    /** Joins an existing namespace, e.g. a netns prepared by the networking layer ({@code /run/netns/X}). */
    record Join(Path path) implements NamespaceMode {
        public Join {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("namespace path must be absolute: " + path);
            }
        }
    }

    static NamespaceMode join(Path path) {
        return new Join(path);
    }
}

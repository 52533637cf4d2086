package dev.jcompose.runtime.oci;

import java.util.Objects;

/** The namespace choices Docker exposes (network_mode, pid, ipc, uts); the mount namespace is always private. */
public record Namespaces(NamespaceMode network, NamespaceMode pid, NamespaceMode ipc, NamespaceMode uts) {
    /** Docker's default: everything private. */
    public static final Namespaces PRIVATE = new Namespaces(NamespaceMode.PRIVATE, NamespaceMode.PRIVATE,
            NamespaceMode.PRIVATE, NamespaceMode.PRIVATE);

    public Namespaces {
        Objects.requireNonNull(network);
        Objects.requireNonNull(pid);
        Objects.requireNonNull(ipc);
        Objects.requireNonNull(uts);
    }

    public Namespaces withNetwork(NamespaceMode mode) {
        return new Namespaces(mode, pid, ipc, uts);
    }

    public Namespaces withPid(NamespaceMode mode) {
        return new Namespaces(network, mode, ipc, uts);
    }

    public Namespaces withIpc(NamespaceMode mode) {
        return new Namespaces(network, pid, mode, uts);
    }

    public Namespaces withUts(NamespaceMode mode) {
        return new Namespaces(network, pid, ipc, mode);
    }
}

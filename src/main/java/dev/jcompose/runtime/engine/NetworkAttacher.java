package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.oci.NamespaceMode;
import java.nio.file.Path;

/**
 * The seam between containers and networking. The container engine calls it at each lifecycle step with the
 * container id, its network namespace and the requested endpoints; the network part (bridges, IPAM, DNS, port
 * proxies) implements it. Until that is wired in, {@link LoopbackOnly} gives every container its own namespace
 * holding only {@code lo}.
 */
public interface NetworkAttacher {
    /** At create. Docker accepts a missing network here and refuses it at start, so should implementations. */
    default void created(String containerId, NetworkRequest request) {
    }

    /** Before runc create: the namespace to give the container (a new one, the host's, or one to join by path). */
    NamespaceMode namespace(String containerId, NetworkRequest request);

    /**
     * After runc create, before runc start: connect the endpoints inside {@code netnsPath} (the joined path, or
     * {@code /proc/<pid>/ns/net} of a new namespace). A failure fails the start.
     */
    NetworkSetup attach(String containerId, Path netnsPath, NetworkRequest request);

    /**
     * After a daemon restart, for a container that kept running: what it is attached to (the network part
     * re-reads its persisted endpoints).
     */
    default NetworkSetup recovered(String containerId, NetworkRequest request) {
        return NetworkSetup.NONE;
    }

    /**
     * docker network connect of a running container: one more endpoint in its namespace ({@code network} is the
     * network's name). The default refuses, as an attacher without real networks cannot do it.
     */
    default NetworkSetup.EndpointSettings connect(String containerId, NetworkRequest request, String network) {
        throw new dev.jcompose.runtime.RuntimeError(501, "connecting a running container is not supported");
    }

    /** docker network disconnect of a running container. */
    default void disconnect(String containerId, String network) {
    }

    /** The container stopped: release addresses, names and published ports. Idempotent. */
    void detach(String containerId);

    /** The container is being removed. Idempotent. */
    default void released(String containerId) {
        detach(containerId);
    }
}

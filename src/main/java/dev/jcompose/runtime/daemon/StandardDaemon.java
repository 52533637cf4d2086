package dev.jcompose.runtime.daemon;

/**
 * The daemon with every runtime part wired in. Parts are added here as they gain API routes (images,
 * containers, volumes, networks); today: the system routes only.
 */
public final class StandardDaemon {
    private StandardDaemon() {
    }

    public static EngineDaemon create(DaemonConfig config) {
        return new EngineDaemon(config);
    }
}

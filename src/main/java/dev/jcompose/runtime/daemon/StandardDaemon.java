package dev.jcompose.runtime.daemon;

import dev.jcompose.runtime.api.routes.ImageRoutes;
import dev.jcompose.runtime.image.ImageUsage;
import dev.jcompose.runtime.registry.RegistryClient;

/**
 * The daemon with every runtime part wired in. Parts are added here as they gain API routes (images,
 * containers, volumes, networks); all of them share one {@link RuntimeStores}.
 */
public final class StandardDaemon {
    private StandardDaemon() {
    }

    public static EngineDaemon create(DaemonConfig config) {
        EngineDaemon daemon = new EngineDaemon(config);
        RuntimeStores stores = RuntimeStores.open(config.root());
        // Until the container part lands no container uses an image; it replaces ImageUsage.NONE here.
        ImageUsage imageUsage = ImageUsage.NONE;
        daemon.imageCount(stores::imageCount)
                .addRoutes(new ImageRoutes(stores.images(), stores.content(), imageUsage, new RegistryClient())::register);
        return daemon;
    }
}

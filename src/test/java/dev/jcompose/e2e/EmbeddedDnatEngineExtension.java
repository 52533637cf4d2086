package dev.jcompose.e2e;

import dev.jcompose.runtime.api.routes.EmbeddedDaemon;
import java.io.IOException;

/** {@link EmbeddedEngineExtension} with the userland proxy off: published ports are DNAT rules. */
final class EmbeddedDnatEngineExtension extends EmbeddedEngineExtension {
    @Override
    EmbeddedDaemon newDaemon() throws IOException {
        return EmbeddedDaemon.withoutUserlandProxy();
    }
}

package dev.jcompose.runtime.image;

import java.time.Instant;
import java.util.List;

/**
 * Options of {@code docker import}.
 *
 * @param reference the name to tag the new image with, or null
 * @param changes Dockerfile instructions applied to the config (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK,
 *     LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)
 * @param message the history comment; null gives Docker's "Imported from -"
 * @param platform the platform recorded in the config; null for this host's
 * @param created the creation time; null for now (fixed values make the image id reproducible)
 */
public record ImportOptions(String reference, List<String> changes, String message, Platform platform,
        Instant created) {
    public static final ImportOptions DEFAULTS = new ImportOptions(null, List.of(), null, null, null);

    public ImportOptions {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public ImportOptions withReference(String name) {
        return new ImportOptions(name, changes, message, platform, created);
    }

    public ImportOptions withChanges(List<String> newChanges) {
        return new ImportOptions(reference, newChanges, message, platform, created);
    }

    public ImportOptions withCreated(Instant time) {
        return new ImportOptions(reference, changes, message, platform, time);
    }
}

package dev.jcompose.engine.fake;

import dev.jcompose.engine.VolumeInfo;
import java.time.Instant;
import java.util.Map;

/** A fake volume. */
record FakeVolume(String name, String driver, Map<String, String> labels, Map<String, String> options,
        Instant created) {
    VolumeInfo info() {
        return new VolumeInfo(name, driver, "/var/lib/docker/volumes/" + name + "/_data", labels, options, "local",
                created);
    }
}

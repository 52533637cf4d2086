package dev.jcompose.engine.fake;

import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.LabelFilters;
import dev.jcompose.engine.VolumeInfo;
import dev.jcompose.engine.VolumeSpec;
import java.util.List;
import java.util.Map;

/** Volumes. Every method runs with the store lock held. */
final class FakeVolumes {
    private final FakeStore store;

    FakeVolumes(FakeStore store) {
        this.store = store;
    }

    List<VolumeInfo> list(List<String> labelFilters) {
        return store.volumes.values().stream().filter(v -> LabelFilters.matches(v.labels(), labelFilters))
                .map(FakeVolume::info).toList();
    }

    VolumeInfo inspect(String name) {
        FakeVolume v = store.volumes.get(name);
        if (v == null) {
            throw EngineErrors.notFound("get " + name + ": no such volume");
        }
        return v.info();
    }

    /** Idempotent by name, like Docker: an existing volume comes back unchanged. */
    VolumeInfo create(VolumeSpec spec) {
        String name = spec.name() == null || spec.name().isEmpty() ? store.newId("volume") : spec.name();
        FakeVolume existing = store.volumes.get(name);
        if (existing != null) {
            return existing.info();
        }
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")) {
            throw EngineErrors.failure("create " + name + ": \"" + name + "\" includes invalid characters for a local"
                    + " volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host"
                    + " directory, use absolute path");
        }
        String driver = spec.driver() == null ? "local" : spec.driver();
        FakeVolume v = new FakeVolume(name, driver, spec.labels(), spec.options(), store.now());
        store.volumes.put(name, v);
        store.publish("volume", "create", name, Map.of("driver", driver));
        return v.info();
    }

    /** In use by any container (running or not) → CONFLICT, even with force, as in Docker. */
    void remove(String name, boolean force) {
        FakeVolume v = store.volumes.get(name);
        if (v == null) {
            if (force) {
                return;
            }
            throw EngineErrors.notFound("get " + name + ": no such volume");
        }
        List<String> users = store.containers.values().stream().filter(c -> c.volumeMounts.containsValue(name))
                .map(c -> c.id).toList();
        if (!users.isEmpty()) {
            throw EngineErrors.conflict("remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
        }
        store.volumes.remove(name);
        store.publish("volume", "destroy", name, Map.of("driver", v.driver()));
    }
}

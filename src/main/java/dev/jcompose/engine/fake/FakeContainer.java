package dev.jcompose.engine.fake;

import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.EndpointSpec;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.ImageInfo;
import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.PublishedPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable state of one fake container; guarded by the store lock, never handed out (snapshots are). */
final class FakeContainer {
    final String id;
    String name;
    final ContainerSpec spec;
    final ImageInfo image;
    final Instant created;
    final FakeProcess process;
    ContainerState state = ContainerState.CREATED;
    int exitCode;
    long pid;
    Instant startedAt;
    Instant finishedAt;
    int restartCount;
    boolean stoppedByUser;
    /** Index into process.health() of the next status an inspect reports. */
    int healthStep;
    HealthStatus health = HealthStatus.NONE;
    /** network name → endpoint config, in attach order. */
    final Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
    /** network name → assigned IPv4, only while running. */
    final Map<String, String> addresses = new LinkedHashMap<>();
    /** volume names created for this container's anonymous mounts (removed with rm -v). */
    final List<String> anonymousVolumes = new ArrayList<>();
    /** target path → volume name, for every volume mount. */
    final Map<String, String> volumeMounts = new LinkedHashMap<>();
    final List<LogFrame> log = new ArrayList<>();
    /** Host ports bound while running. */
    final List<PublishedPort> published = new ArrayList<>();

    FakeContainer(String id, String name, ContainerSpec spec, ImageInfo image, Instant created, FakeProcess process) {
        this.id = id;
        this.name = name;
        this.spec = spec;
        this.image = image;
        this.created = created;
        this.process = process;
    }

    boolean running() {
        return state == ContainerState.RUNNING || state == ContainerState.PAUSED;
    }

    String shortId() {
        return id.substring(0, 12);
    }

    boolean hasHealthcheck() {
        var check = spec.healthcheck() != null ? spec.healthcheck() : image.config().healthcheck();
        return check != null && !check.test().isEmpty() && !check.test().getFirst().equals("NONE");
    }
}

package dev.jcompose.state;

import static dev.jcompose.graph.TestProjects.project;
import static dev.jcompose.graph.TestProjects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.model.Project;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservedStateTest {
    private static final Project P = project("myapp").service(service("web"))
            .disabled(service("debug").profiles("debug")).build();

    private static ObservedContainer container(String id, String name, ContainerState state,
            Map<String, String> labels) {
        return new ObservedContainer(id, name, labels, state, 0, null, Map.of("myapp_default", "n1"),
                List.of(ObservedMount.volume("myapp_data", "/data"), ObservedMount.volume("f00", "/cache"),
                        ObservedMount.bind("/srv", "/srv")), Instant.EPOCH);
    }

    private static Map<String, String> replica(String service, int number) {
        return Map.of(Labels.PROJECT, "myapp", Labels.SERVICE, service, Labels.CONTAINER_NUMBER,
                Integer.toString(number), Labels.ONEOFF, "False", Labels.CONFIG_HASH, "abc", Labels.IMAGE,
                "sha256:1");
    }

    @Test
    void identityComesFromLabels() {
        ObservedContainer c = container("c1", "/renamed", ContainerState.RUNNING, replica("web", 2));
        assertEquals("renamed", c.name(), "engine names start with a slash");
        assertEquals("myapp", c.project());
        assertEquals("web", c.service());
        assertEquals(2, c.number());
        assertFalse(c.oneOff());
        assertEquals("abc", c.configHash());
        assertEquals("sha256:1", c.imageDigest());
        assertEquals("service:web:2", c.resourceId());
        assertEquals(List.of("myapp_data", "f00"), c.volumeNames());
        assertEquals("f00", c.volumeAt("/cache").orElseThrow().name());
        assertTrue(c.volumeAt("/srv").isEmpty(), "bind mounts are not volumes");
        assertEquals(ContainerState.EXITED, ContainerState.parse("exited"));
        assertEquals("paused", ContainerState.PAUSED.wire());
    }

    @Test
    void orphansExcludeDisabledServicesAndRunningOneOffs() {
        ObservedProject o = new ObservedProject("myapp", List.of(
                container("a", "myapp-web-1", ContainerState.RUNNING, replica("web", 1)),
                container("b", "myapp-debug-1", ContainerState.RUNNING, replica("debug", 1)),
                container("c", "myapp-old-1", ContainerState.EXITED, replica("old", 1)),
                container("d", "myapp-web-run-1", ContainerState.RUNNING, Map.of(Labels.PROJECT, "myapp",
                        Labels.SERVICE, "web", Labels.ONEOFF, "True")),
                container("e", "myapp-web-run-2", ContainerState.EXITED, Map.of(Labels.PROJECT, "myapp",
                        Labels.SERVICE, "web", Labels.ONEOFF, "True"))), List.of(), List.of(), List.of());
        assertEquals(List.of("c", "e"), o.orphans(P).stream().map(ObservedContainer::id).sorted().toList());
        assertEquals(List.of("a"), o.serviceContainers("web").stream().map(ObservedContainer::id).toList());
        assertEquals(2, o.oneOffContainers().size());
    }

    @Test
    void networkResolutionPrefersTheLabelledDesiredName() {
        Map<String, String> labelled = Map.of(Labels.PROJECT, "myapp", Labels.NETWORK, "default");
        ObservedProject o = new ObservedProject("myapp", List.of(), List.of(
                new ObservedNetwork("n0", "myapp_default", Map.of()),
                new ObservedNetwork("n1", "myapp_old", labelled),
                new ObservedNetwork("n2", "myapp_new", labelled)), List.of(), List.of());
        assertEquals("n2", o.network("default", "myapp_new").orElseThrow().id());
        assertEquals("n2", o.network("default", "myapp_default").orElseThrow().id(),
                "a labelled network wins over an unlabelled one of the same name");
        assertEquals("n0", o.network("front", "myapp_default").orElseThrow().id(), "falls back to the name");
        assertTrue(o.network("back", "myapp_back").isEmpty());
    }

    @Test
    void volumeResolutionFallsBackToTheName() {
        ObservedProject o = new ObservedProject("myapp", List.of(), List.of(), List.of(
                new ObservedVolume("myapp_data", "local", Map.of()),
                new ObservedVolume("myapp_cache", "local", Map.of(Labels.PROJECT, "myapp", Labels.VOLUME, "cache",
                        Labels.CONFIG_HASH, "h"))), List.of());
        assertEquals("h", o.volume("cache", "whatever").orElseThrow().configHash());
        assertEquals("", o.volume("data", "myapp_data").orElseThrow().configHash());
        assertEquals(null, o.volume("data", "myapp_data").orElseThrow().key());
    }
}

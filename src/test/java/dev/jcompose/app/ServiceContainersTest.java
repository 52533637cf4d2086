package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.error.ComposeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** compose's container selection: labels, config-hash presence, one-off handling, replica order. */
class ServiceContainersTest {
    FakeEngine fake;
    ServiceContainers containers;

    @BeforeEach
    void setUp() {
        fake = new FakeEngine();
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        containers = new ServiceContainers(fake, "demo");
    }

    private void container(String name, String service, String number, boolean oneOff, boolean start) {
        Map<String, String> labels = new java.util.HashMap<>(Map.of("com.docker.compose.project", "demo",
                "com.docker.compose.service", service, "com.docker.compose.config-hash", "h",
                "com.docker.compose.oneoff", oneOff ? "True" : "False"));
        if (number != null) {
            labels.put("com.docker.compose.container-number", number);
        }
        String id = fake.createContainer(ContainerSpec.builder(name, "busybox:latest").labels(labels).build());
        if (start) {
            fake.startContainer(id);
        }
    }

    @Test
    void specifiedPrefersTheLowestReplicaAndPutsOneOffsLast() {
        container("demo-web-run-abc", "web", null, true, true);
        container("demo-web-3", "web", "3", false, true);
        container("demo-web-2", "web", "2", false, true);
        assertEquals("demo-web-2", containers.specified(ServiceContainers.OneOff.INCLUDE, false, "web", 0).name());
        assertEquals("demo-web-3", containers.specified(ServiceContainers.OneOff.INCLUDE, false, "web", 3).name());
    }

    @Test
    void onlyRunningOnesUnlessAllAndNoHandMadeContainers() {
        container("demo-web-1", "web", "1", false, false);
        fake.createContainer(ContainerSpec.builder("handmade", "busybox:latest").labels(Map.of(
                "com.docker.compose.project", "demo", "com.docker.compose.service", "web")).build());
        ComposeException e = assertThrows(ComposeException.class,
                () -> containers.specified(ServiceContainers.OneOff.INCLUDE, false, "web", 0));
        assertEquals("service \"web\" is not running", e.getMessage());
        assertEquals(List.of("demo-web-1"), containers.list(ServiceContainers.OneOff.EXCLUDE, true, List.of("web"))
                .stream().map(c -> c.name()).toList());
    }

    @Test
    void oneOffFilters() {
        container("demo-web-1", "web", "1", false, true);
        container("demo-web-run-x", "web", null, true, true);
        container("demo-db-1", "db", "1", false, true);
        assertEquals(List.of("demo-web-run-x"), names(ServiceContainers.OneOff.ONLY, List.of()));
        assertEquals(List.of("demo-db-1", "demo-web-1"), names(ServiceContainers.OneOff.EXCLUDE, List.of()));
        assertEquals(List.of("demo-db-1", "demo-web-1", "demo-web-run-x"),
                names(ServiceContainers.OneOff.INCLUDE, List.of("web", "db")));
    }

    private List<String> names(ServiceContainers.OneOff oneOff, List<String> services) {
        return containers.list(oneOff, false, services).stream().map(c -> c.name()).sorted().toList();
    }
}
